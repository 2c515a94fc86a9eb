package dev.pinhole.images.format.jpeg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the smallest EXIF payload that still says what display needs: "Exif\0\0", a TIFF header in the
 * original's byte order, and one directory with Orientation and, when the deployment keeps it, Copyright.
 */
final class MinimalExif {
    static final byte[] IDENTIFIER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 8;

    private MinimalExif() {
    }

    /**
     * @param orientation 2..8, or 0 for none
     * @param copyright   the Copyright value's bytes, or null for none
     * @return the APP1 payload, or null when there is nothing to keep
     */
    static byte[] payload(boolean littleEndian, int orientation, byte[] copyright) {
        int entries = (orientation != 0 ? 1 : 0) + (copyright != null ? 1 : 0);
        if (entries == 0) {
            return null;
        }
        int directoryEnd = HEADER + 2 + 12 * entries + 4;
        int outside = copyright != null && copyright.length > 4 ? copyright.length : 0;
        ByteBuffer out = ByteBuffer.allocate(IDENTIFIER.length + directoryEnd + outside)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        out.put(IDENTIFIER);
        out.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        out.putShort((short) 42).putInt(HEADER);
        out.putShort((short) entries);
        if (orientation != 0) {
            out.putShort((short) ExifKinds.ORIENTATION).putShort((short) TiffReader.TYPE_SHORT).putInt(1);
            out.putShort((short) orientation).putShort((short) 0);
        }
        if (copyright != null) {
            out.putShort((short) ExifKinds.COPYRIGHT).putShort((short) TiffReader.TYPE_ASCII).putInt(copyright.length);
            if (outside == 0) {
                out.put(copyright).put(new byte[4 - copyright.length]);
            } else {
                out.putInt(directoryEnd);
            }
        }
        out.putInt(0);
        if (outside > 0) {
            out.put(copyright);
        }
        return out.array();
    }
}
