package dev.pinhole.testkit;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Real, decodable images: PNG and JPEG made on the spot, WebP and AVIF read from small committed files
 * (Java cannot write either; resources/dev/pinhole/testkit/README.md says how each was made). Every call
 * returns a fresh copy that the caller may change.
 */
public final class SampleImages {
    private SampleImages() {
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, 1), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, 2), "jpg");
    }

    /** A still GIF (the JDK's writer picks the palette). */
    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, 3), "gif");
    }

    /**
     * An animated GIF of {@code frames} different pictures, 1/10 s each, looping forever (a NETSCAPE2.0
     * application extension, as every GIF animation on the web has).
     */
    public static byte[] animatedGif(int width, int height, int frames) {
        return AnimatedGifs.write(width, height, frames);
    }

    /**
     * A PNG of at least {@code minBytes}: noise does not compress, so the size follows the pixel count.
     * Used for uploads of a few MB in load and size tests.
     */
    public static byte[] noisyPng(int minBytes, long seed) {
        int side = (int) Math.ceil(Math.sqrt(minBytes / 3.0)) + 1;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    /** A 64 x 48 lossy WebP of the simple format (one VP8 chunk), without metadata. */
    public static byte[] webp() {
        return committed("webp-lossy.webp");
    }

    /** A 64 x 48 lossless WebP of the simple format (one VP8L chunk). */
    public static byte[] webpLossless() {
        return committed("webp-lossless.webp");
    }

    /** A 48 x 48 lossy WebP with an alpha channel (VP8X, ALPH, VP8). */
    public static byte[] webpWithAlpha() {
        return committed("webp-alpha.webp");
    }

    /** A 32 x 32 animated WebP of 3 frames. */
    public static byte[] webpAnimated() {
        return committed("webp-animated.webp");
    }

    /** A 64 x 48 AVIF still, without metadata. */
    public static byte[] avif() {
        return committed("avif-still.avif");
    }

    /** A 48 x 48 AVIF with an alpha plane (an auxiliary image item). */
    public static byte[] avifWithAlpha() {
        return committed("avif-alpha.avif");
    }

    /** A 64 x 48 AVIF carrying an ICC profile (sRGB) in a colr property. */
    public static byte[] avifWithIccProfile() {
        return committed("avif-icc.avif");
    }

    /** A 128 x 64 AVIF made of a grid of two tiles. */
    public static byte[] avifGrid() {
        return committed("avif-grid.avif");
    }

    /** A 32 x 32 animated AVIF (image sequence) of 3 frames, with an alpha track. */
    public static byte[] avifAnimated() {
        return committed("avif-animated.avif");
    }

    /**
     * {@link #avifAnimated()} with Exif (GPS, make, model, serial, date) and XMP (creator, description)
     * items: exiftool cannot write into AVIF sequences, so this one is committed with its metadata.
     */
    public static byte[] avifAnimatedWithMetadata() {
        return committed("avif-animated-metadata.avif");
    }

    private static byte[] committed(String name) {
        try (InputStream in = SampleImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("sample image " + name + " is missing from the testkit jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage picture(int width, int height, int variant) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 200), width, height, new Color(250, 180, 40 * variant)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
