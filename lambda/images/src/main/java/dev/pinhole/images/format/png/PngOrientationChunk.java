package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Bytes;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The smallest eXIf chunk that carries an Orientation and nothing else: what the cleaner puts in place of
 * a camera's eXIf, because Chrome and Safari turn a PNG by the eXIf Orientation when it comes before the
 * image data, and a cleaned picture must show the same way up. A chunk already in exactly this form is
 * kept as it is, so cleaning twice changes nothing.
 */
final class PngOrientationChunk {
    /** Big-endian TIFF: header, one IFD with one entry (Orientation, SHORT, count 1), no next IFD. */
    private static final int TIFF_LENGTH = 26;

    private PngOrientationChunk() {
    }

    /** The whole chunk (length, type, data, CRC) for {@code orientation} 2..8. */
    static byte[] of(int orientation) {
        ByteBuffer chunk = ByteBuffer.allocate(PngChunk.OVERHEAD + TIFF_LENGTH);
        chunk.putInt(TIFF_LENGTH).put(new byte[] {'e', 'X', 'I', 'f'});
        chunk.put(tiff(orientation));
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + TIFF_LENGTH);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    /** True when {@code chunk} is exactly what {@link #of} writes for a turning orientation. */
    static boolean isCanonical(byte[] data, PngChunk chunk) {
        if (chunk.length() != TIFF_LENGTH) {
            return false;
        }
        int orientation = data[chunk.dataOffset() + 19];
        return orientation >= 2 && orientation <= 8 && Bytes.startsWith(data, chunk.dataOffset(), tiff(orientation));
    }

    private static byte[] tiff(int orientation) {
        return ByteBuffer.allocate(TIFF_LENGTH)
                .put(new byte[] {'M', 'M', 0, 42}).putInt(8)       // byte order, magic, IFD0 at 8
                .putShort((short) 1)                                // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1) // Orientation, SHORT, count 1
                .putShort((short) orientation).putShort((short) 0)  // the value, padded to four bytes
                .putInt(0)                                          // no next IFD
                .array();
    }
}
