package dev.pinhole.images.format.jpeg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes EXIF blocks by hand, directory by directory at chosen offsets, so tests can build what no
 * camera would: loops, offsets out of range, absurd counts. Offsets are relative to the TIFF header.
 */
final class ExifBytes {
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int ASCII = 2;

    private final ByteBuffer tiff;
    private int used;

    ExifBytes(boolean littleEndian, int size) {
        tiff = ByteBuffer.allocate(size).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42);
        ifd0At(8);
        used = 8;
    }

    ExifBytes ifd0At(long offset) {
        tiff.putInt(4, (int) offset);
        return this;
    }

    /** A directory at {@code at}: entries of {tag, type, count, value}; SHORT values are stored inline. */
    ExifBytes directory(int at, long next, int[]... entries) {
        tiff.position(at);
        tiff.putShort((short) entries.length);
        for (int[] e : entries) {
            tiff.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == SHORT && e[2] == 1) {
                tiff.putShort((short) e[3]).putShort((short) 0);
            } else {
                tiff.putInt(e[3]);
            }
        }
        tiff.putInt((int) next);
        used = Math.max(used, tiff.position());
        return this;
    }

    /** A directory that only claims {@code count} entries (and holds what fits). */
    ExifBytes claimedCount(int at, int count) {
        tiff.putShort(at, (short) count);
        used = Math.max(used, at + 2);
        return this;
    }

    ExifBytes bytes(int at, byte[] data) {
        tiff.position(at);
        tiff.put(data);
        used = Math.max(used, tiff.position());
        return this;
    }

    /** The APP1 segment: marker, length, "Exif\0\0", the TIFF bytes written so far. */
    byte[] segment() {
        return JpegBytes.segment(0xE1, "Exif\0\0", Arrays.copyOf(tiff.array(), used));
    }

    static int[] entry(int tag, int type, int count, int value) {
        return new int[] {tag, type, count, value};
    }

    /** The APP1 payload of the first Exif segment in a JPEG, or null when it has none. */
    static byte[] exifPayload(byte[] jpeg) {
        for (int[] marker : JpegBytes.headerMarkers(jpeg)) {
            int at = marker[1];
            int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
            if (marker[0] == 0xE1 && length >= 8 && jpeg[at + 4] == 'E' && jpeg[at + 5] == 'x') {
                return Arrays.copyOfRange(jpeg, at + 4, at + 2 + length);
            }
        }
        return null;
    }
}
