package dev.pinhole.images.format.png;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Animated PNGs for tests, assembled from frames the JDK's PNG writer compresses (the JDK has no APNG
 * writer): frame 0 is the default image (fcTL before IDAT), each later frame a smaller region in fdAT chunks.
 */
final class ApngBytes {
    private ApngBytes() {
    }

    /** An APNG of {@code frames} frames on a {@code width x height} canvas, every sequence number right. */
    static byte[] animation(int width, int height, int frames) {
        PngBytes png = PngBytes.start();
        byte[] first = frame(width, height, 0);
        png.chunk("IHDR", Arrays.copyOfRange(PngBytes.chunks(first).get(0).bytes(), 8, 21));
        png.chunk("acTL", ByteBuffer.allocate(8).putInt(frames).putInt(0).array());
        int sequence = 0;
        png.chunk("fcTL", frameControl(sequence++, width, height, 0, 0));
        png.chunk("IDAT", PngBytes.imageData(first));
        for (int k = 1; k < frames; k++) {
            int w = Math.max(1, width / 2);
            int h = Math.max(1, height / 2);
            png.chunk("fcTL", frameControl(sequence++, w, h, k % 2 * (width - w), 0));
            byte[] data = PngBytes.imageData(frame(w, h, k));
            png.chunk("fdAT", ByteBuffer.allocate(4 + data.length).putInt(sequence++).put(data).array());
        }
        return png.end().bytes();
    }

    static byte[] frameControl(int sequence, int width, int height, int x, int y) {
        return ByteBuffer.allocate(26).putInt(sequence).putInt(width).putInt(height).putInt(x).putInt(y)
                .putShort((short) 1).putShort((short) 10).put((byte) 0).put((byte) 0).array();
    }

    /** A real PNG of one frame's picture, RGB 8-bit like every other frame. */
    static byte[] frame(int width, int height, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, Color.HSBtoRGB((x + y + index * 13) / 50f, 0.8f, 0.9f));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
