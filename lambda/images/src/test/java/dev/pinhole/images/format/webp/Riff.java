package dev.pinhole.images.format.webp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds WebP files chunk by chunk, so tests can make exactly the malformed or hostile file they need. */
final class Riff {
    private Riff() {
    }

    /** A RIFF/WEBP file of these chunks, with the RIFF size of exactly what follows it. */
    static byte[] webp(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII), le32(body.length + 4),
                "WEBP".getBytes(StandardCharsets.US_ASCII), body);
    }

    /** A chunk: four-cc, little-endian size, payload, and a zero pad byte when the payload is odd. */
    static byte[] chunk(String type, byte[]... payload) {
        byte[] body = concat(payload);
        byte[] pad = new byte[body.length & 1];
        return concat(type.getBytes(StandardCharsets.ISO_8859_1), le32(body.length), body, pad);
    }

    static byte[] vp8x(int flags, int width, int height) {
        return chunk("VP8X", new byte[] {(byte) flags, 0, 0, 0}, le24(width - 1), le24(height - 1));
    }

    /** A lossy key frame header of the given size (10 bytes: tag, start code, dimensions). */
    static byte[] vp8(int width, int height) {
        return chunk("VP8 ", new byte[] {0x10, 0, 0, (byte) 0x9D, 0x01, 0x2A}, le16(width), le16(height));
    }

    /** A lossless header of the given size (signature byte, then 14 bits each of width-1 and height-1). */
    static byte[] vp8l(int width, int height) {
        long bits = (width - 1) | (long) (height - 1) << 14;
        return chunk("VP8L", new byte[] {0x2F}, le32((int) bits));
    }

    static byte[] anim() {
        return chunk("ANIM", new byte[6]);
    }

    static byte[] anmf(int x, int y, int width, int height, byte[]... frameChunks) {
        return chunk("ANMF", le24(x / 2), le24(y / 2), le24(width - 1), le24(height - 1), le24(100), new byte[1],
                concat(frameChunks));
    }

    static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }

    static byte[] le24(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16)};
    }

    static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
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

    /** The four-cc at {@code offset}. */
    static String typeAt(byte[] file, int offset) {
        return new String(file, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
