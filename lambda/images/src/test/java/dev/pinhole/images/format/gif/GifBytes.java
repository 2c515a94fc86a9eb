package dev.pinhole.images.format.gif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made GIF files for tests, block by block, so any rule can be broken on purpose. */
final class GifBytes {
    /** The LZW data of one pixel of colour 0 at code size 2: clear, 0, end of information. */
    static final byte[] ONE_PIXEL = {2, 2, 0x44, 0x01, 0};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private GifBytes() {
    }

    /** "GIF89a", a {@code width x height} screen with a global table of two colours. */
    static GifBytes screen(int width, int height) {
        return start("GIF89a", width, height);
    }

    static GifBytes start(String version, int width, int height) {
        GifBytes gif = new GifBytes();
        gif.raw(version.getBytes(StandardCharsets.US_ASCII));
        gif.u16(width).u16(height).raw(new byte[] {(byte) 0x80, 0, 0});
        return gif.raw(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    }

    /** An image descriptor for a 1 x 1 frame at 0,0 with its one pixel of LZW data. */
    GifBytes pixelFrame() {
        return frame(0, 0, 1, 1).raw(ONE_PIXEL);
    }

    /** An image descriptor without local colour table; the caller adds the code size and data. */
    GifBytes frame(int left, int top, int width, int height) {
        raw(new byte[] {0x2C});
        return u16(left).u16(top).u16(width).u16(height).raw(new byte[] {0});
    }

    GifBytes graphicControl(int delay) {
        raw(new byte[] {0x21, (byte) 0xF9, 4, 0});
        return u16(delay).raw(new byte[] {0, 0});
    }

    GifBytes comment(String text) {
        return extension(0xFE, null, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An application extension: the 11-byte identifier block, then {@code data} in sub-blocks. */
    GifBytes application(String identifier, byte[] data) {
        return extension(0xFF, identifier.getBytes(StandardCharsets.US_ASCII), data);
    }

    /** An extension: label, an optional first block, then {@code data} cut into sub-blocks of up to 255. */
    GifBytes extension(int label, byte[] first, byte[] data) {
        raw(new byte[] {0x21, (byte) label});
        if (first != null) {
            raw(new byte[] {(byte) first.length}).raw(first);
        }
        for (int at = 0; at < data.length; at += 255) {
            int size = Math.min(255, data.length - at);
            out.write(size);
            out.write(data, at, size);
        }
        return raw(new byte[] {0});
    }

    GifBytes trailer() {
        return raw(new byte[] {0x3B});
    }

    GifBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private GifBytes u16(int value) {
        out.write(value & 0xFF);
        out.write(value >> 8 & 0xFF);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
