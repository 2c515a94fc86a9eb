package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Assertions the format tests share: refusals with their reason, and pixel-for-pixel comparison. */
public final class FormatTesting {
    private FormatTesting() {
    }

    /** Asserts that inspecting {@code image} is refused for {@code reason}; returns the refusal's detail. */
    public static String assertRefused(RefusalReason reason, ImageFormat format, byte[] image,
            InspectionLimits limits) {
        Refusal refusal = assertThrows(Refusal.class, () -> format.inspect(image, limits));
        assertEquals(reason, refusal.reason(), refusal::detail);
        return refusal.detail();
    }

    public static String assertRefused(RefusalReason reason, ImageFormat format, byte[] image) {
        return assertRefused(reason, format, image, InspectionLimits.DEFAULT);
    }

    /** Asserts that both files decode (with ImageIO) to the same frames, every pixel the same. */
    public static void assertSamePixels(byte[] expected, byte[] actual) {
        BufferedImage[] want = decodeAll(expected);
        BufferedImage[] got = decodeAll(actual);
        assertEquals(want.length, got.length, "frames");
        for (int f = 0; f < want.length; f++) {
            assertEquals(want[f].getWidth(), got[f].getWidth(), "width of frame " + f);
            assertEquals(want[f].getHeight(), got[f].getHeight(), "height of frame " + f);
            for (int y = 0; y < want[f].getHeight(); y++) {
                for (int x = 0; x < want[f].getWidth(); x++) {
                    if (want[f].getRGB(x, y) != got[f].getRGB(x, y)) {
                        fail("frame " + f + " differs at " + x + "," + y);
                    }
                }
            }
        }
    }

    /** Every frame ImageIO reads from {@code image} (one for a still; GIF animations give each frame). */
    public static BufferedImage[] decodeAll(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                int count = reader.getNumImages(true);
                BufferedImage[] frames = new BufferedImage[count];
                for (int k = 0; k < count; k++) {
                    frames[k] = reader.read(k);
                }
                return frames;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
