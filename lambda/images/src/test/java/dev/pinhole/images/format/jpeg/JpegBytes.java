package dev.pinhole.images.format.jpeg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-side JPEG surgery, written apart from the production reader: build segments, splice them into
 * real JPEGs, find the first scan by walking the header markers.
 */
final class JpegBytes {
    private JpegBytes() {
    }

    static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        byte[] out = new byte[payload.length + 4];
        out[0] = (byte) 0xFF;
        out[1] = (byte) marker;
        out[2] = (byte) (length >> 8);
        out[3] = (byte) length;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    static byte[] segment(int marker, String identifier, byte[] rest) {
        return segment(marker, concat(identifier.getBytes(StandardCharsets.ISO_8859_1), rest));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The JPEG with {@code segments} inserted right after SOI. */
    static byte[] afterSoi(byte[] jpeg, byte[]... segments) {
        return concat(Arrays.copyOf(jpeg, 2), concat(segments), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** The JPEG with {@code segments} inserted just before its first SOS. */
    static byte[] beforeFirstScan(byte[] jpeg, byte[]... segments) {
        int sos = firstScan(jpeg);
        return concat(Arrays.copyOf(jpeg, sos), concat(segments), Arrays.copyOfRange(jpeg, sos, jpeg.length));
    }

    /** Offsets of the header markers from SOI up to and including the first SOS. */
    static List<int[]> headerMarkers(byte[] jpeg) {
        List<int[]> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new AssertionError("no marker at byte " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            markers.add(new int[] {marker, at});
            if (marker == 0xDA) {
                return markers;
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        throw new AssertionError("no SOS in the header");
    }

    static int firstScan(byte[] jpeg) {
        List<int[]> markers = headerMarkers(jpeg);
        return markers.get(markers.size() - 1)[1];
    }

    /** The offset of the first header segment with this marker, or -1. */
    static int find(byte[] jpeg, int marker) {
        for (int[] m : headerMarkers(jpeg)) {
            if (m[0] == marker) {
                return m[1];
            }
        }
        return -1;
    }

    /** From the first SOS to the end: the compressed picture, which cleaning must leave byte for byte. */
    static byte[] scansToEnd(byte[] jpeg) {
        int sos = firstScan(jpeg);
        return Arrays.copyOfRange(jpeg, sos, jpeg.length);
    }

    static byte[] withU16(byte[] jpeg, int offset, int value) {
        byte[] out = jpeg.clone();
        out[offset] = (byte) (value >> 8);
        out[offset + 1] = (byte) value;
        return out;
    }
}
