package dev.pinhole.images.format;

/**
 * Bounds-checked reads of big- and little-endian integers from a file held in memory. Every read past
 * the end becomes a {@link Refusal} of reason {@link RefusalReason#TRUNCATED}, so format code never
 * throws ArrayIndexOutOfBoundsException on a short or lying file.
 */
public final class Bytes {
    private Bytes() {
    }

    /** Refuses unless {@code length} bytes are available at {@code offset} in {@code data}. */
    public static void require(byte[] data, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new Refusal(RefusalReason.TRUNCATED, what + " runs past the end of the file");
        }
    }

    public static int u8(byte[] data, long offset, String what) {
        require(data, offset, 1, what);
        return data[(int) offset] & 0xFF;
    }

    public static int u16be(byte[] data, long offset, String what) {
        require(data, offset, 2, what);
        int i = (int) offset;
        return (data[i] & 0xFF) << 8 | data[i + 1] & 0xFF;
    }

    public static int u16le(byte[] data, long offset, String what) {
        require(data, offset, 2, what);
        int i = (int) offset;
        return (data[i + 1] & 0xFF) << 8 | data[i] & 0xFF;
    }

    public static int u24le(byte[] data, long offset, String what) {
        require(data, offset, 3, what);
        int i = (int) offset;
        return (data[i + 2] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | data[i] & 0xFF;
    }

    public static long u32be(byte[] data, long offset, String what) {
        require(data, offset, 4, what);
        int i = (int) offset;
        return (data[i] & 0xFFL) << 24 | (data[i + 1] & 0xFFL) << 16 | (data[i + 2] & 0xFFL) << 8 | data[i + 3] & 0xFFL;
    }

    public static long u32le(byte[] data, long offset, String what) {
        require(data, offset, 4, what);
        int i = (int) offset;
        return (data[i + 3] & 0xFFL) << 24 | (data[i + 2] & 0xFFL) << 16 | (data[i + 1] & 0xFFL) << 8 | data[i] & 0xFFL;
    }

    /** Four ASCII characters (a PNG chunk type, a RIFF or ISOBMFF four-cc). */
    public static String fourCc(byte[] data, long offset, String what) {
        require(data, offset, 4, what);
        int i = (int) offset;
        char[] chars = new char[4];
        for (int k = 0; k < 4; k++) {
            chars[k] = (char) (data[i + k] & 0xFF);
        }
        return new String(chars);
    }

    public static boolean startsWith(byte[] data, long offset, byte[] prefix) {
        if (offset < 0 || offset > data.length || prefix.length > data.length - offset) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data[(int) offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
