package dev.pinhole.local;

import dev.pinhole.testkit.SampleImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Files that must never get a served link, made on the spot: each is what an attacker or a broken tool sends. */
final class HostileUploads {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The local file header of a ZIP archive: an image with a ZIP after it is the classic polyglot. */
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};

    private HostileUploads() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] truncated(byte[] image, int keep) {
        return Arrays.copyOf(image, keep);
    }

    /** The image, then a ZIP archive's start: unzip would find the archive, a browser the image. */
    static byte[] withZipAfter(byte[] image) {
        byte[] polyglot = Arrays.copyOf(image, image.length + ZIP.length + 200);
        System.arraycopy(ZIP, 0, polyglot, image.length, ZIP.length);
        return polyglot;
    }

    /** 83 bytes or so: a PNG that declares {@code width x height} and carries a single empty row. */
    static byte[] pngDeclaring(int width, int height) {
        return png(width, height, deflate(new byte[1]), 0);
    }

    /** A zip bomb: a few hundred KB of IDAT that inflates to a gigabyte of pixels, behind huge dimensions. */
    static byte[] zipBombPng() {
        int side = 20_000;
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] row = new byte[side + 1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < side; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return png(side, side, out.toByteArray(), 0);
    }

    /** A valid small PNG with {@code chunks} empty private chunks before its end. */
    static byte[] chunkFloodPng(int chunks) {
        return png(4, 4, deflate(new byte[4 * 5]), chunks);
    }

    /** A GIF of 1 x 1 pixels and {@code frames} frames. */
    static byte[] gifWithFrames(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0});      // 1x1, global table of 2 colours
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xf9, 4, 0, 1, 0, 0, 0});          // graphic control, 10 ms
            out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0});                // image descriptor
            out.writeBytes(new byte[] {2, 2, 0x44, 0x01, 0});                            // LZW data of one pixel
        }
        out.write(0x3b);
        return out.toByteArray();
    }

    /** An ISOBMFF file (AVIF) whose first box declares 0xFFFFFFF0 bytes. */
    static byte[] absurdFirstBox(byte[] isobmff) {
        byte[] copy = isobmff.clone();
        copy[0] = (byte) 0xff;
        copy[1] = (byte) 0xff;
        copy[2] = (byte) 0xff;
        copy[3] = (byte) 0xf0;
        return copy;
    }

    /** The file, then 200,000 empty 8-byte "free" boxes: a walker that follows sizes must stop somewhere. */
    static byte[] boxFlood(byte[] isobmff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(isobmff);
        byte[] box = {0, 0, 0, 8, 'f', 'r', 'e', 'e'};
        for (int i = 0; i < 200_000; i++) {
            out.writeBytes(box);
        }
        return out.toByteArray();
    }

    static byte[] png() {
        return SampleImages.png(64, 48);
    }

    private static byte[] png(int width, int height, byte[] idat, int floodChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat);
        for (int i = 0; i < floodChunks; i++) {
            chunk(out, "prVt", new byte[0]);
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] buffer = new byte[raw.length + 64];
        int length = deflater.deflate(buffer);
        return Arrays.copyOf(buffer, length);
    }

    static byte[] gif(int width, int height) {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                    java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "gif", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
