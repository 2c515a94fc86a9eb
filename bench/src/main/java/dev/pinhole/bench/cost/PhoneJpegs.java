package dev.pinhole.bench.cost;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real JPEGs of an exact size, as a phone would upload them: a noisy 4:3 picture (noise, so the size follows the
 * pixel count, and no two sizes share content) encoded at quality 0.9, with a phone's metadata
 * ({@link PhoneMetadata}) in front of it. The picture's dimensions are searched until the JPEG falls just short of
 * the size; the XMP packet's padding makes up the rest, to the byte.
 */
final class PhoneJpegs {
    private static final float QUALITY = 0.9f;
    private static final int THUMBNAIL_WIDTH = 160;
    private static final int THUMBNAIL_HEIGHT = 120;
    private static final int MAX_ATTEMPTS = 12;

    private PhoneJpegs() {
    }

    /** The smallest size this can make: the metadata plus a tiny picture. */
    static int minimumBytes() {
        return 32 * 1024;
    }

    /** A JPEG of exactly {@code bytes} bytes that Pinhole's publisher accepts, with metadata it must remove. */
    static byte[] ofSize(int bytes, long seed) {
        if (bytes < minimumBytes()) {
            throw new IllegalArgumentException("a phone's metadata alone is about 16 KB: images start at "
                    + minimumBytes() + " bytes, not " + bytes);
        }
        Random random = new Random(seed);
        byte[] thumbnail = encode(picture(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, random), 0.75f);
        // The metadata's size does not depend on the picture's dimensions it records: measure it once.
        int metadata = PhoneMetadata.exifAndIcc(thumbnail, 0, 0).length;
        // The picture may use what the metadata leaves, less at least the XMP packet without padding.
        int most = bytes - metadata - PhoneMetadata.minimumXmpBytes();
        int least = bytes - metadata - PhoneMetadata.maximumXmpBytes();
        double bytesPerPixel = encode(picture(256, 192, new Random(seed)), QUALITY).length / (256.0 * 192.0);
        // 4:3 is 4s x 3s pixels. Measured: the full picture takes about 1.2 times the small probe's bytes per pixel
        // (its gradient changes more slowly), so the first try aims there; the search corrects what remains.
        double scale = Math.sqrt(most / (1.2 * bytesPerPixel) / 12);
        BufferedImage canvas = picture(width(scale * 1.2), height(scale * 1.2), random);
        double previousScale = 0;
        int previousPicture = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int width = Math.min(canvas.getWidth(), width(scale));
            int height = Math.min(canvas.getHeight(), height(scale));
            byte[] scan = withoutApp0(encode(canvas.getSubimage(0, 0, width, height), QUALITY));
            int picture = scan.length;
            if (picture <= most && picture >= least) {
                byte[] xmp = PhoneMetadata.xmp(bytes - metadata - picture);
                byte[] jpeg = PhoneMetadata.concat(new byte[] {(byte) 0xFF, (byte) 0xD8},
                        PhoneMetadata.exifAndIcc(thumbnail, width, height), xmp, Arrays.copyOfRange(scan, 2, scan.length));
                if (jpeg.length != bytes) {
                    throw new IllegalStateException("made " + jpeg.length + " bytes for " + bytes);
                }
                return jpeg;
            }
            // Aim for the middle of what fits. Size goes about with the pixel count (the square of the scale):
            // first by that rule, then by the secant through the last two tries, which also catches the rest.
            double aim = (least + most) / 2.0;
            double next = previousPicture == 0 || previousPicture == picture
                    ? scale * Math.sqrt(aim / picture)
                    : Math.sqrt(scale * scale + (aim - picture) * (scale * scale - previousScale * previousScale)
                            / (picture - previousPicture));
            previousScale = scale;
            previousPicture = picture;
            scale = next;
        }
        throw new IllegalStateException("no picture size gives a JPEG of " + bytes + " bytes");
    }

    private static int width(double scale) {
        return Math.max(16, (int) Math.round(4 * scale));
    }

    private static int height(double scale) {
        return Math.max(12, (int) Math.round(3 * scale));
    }

    /** Light and colour running across the frame, with per-pixel noise on top (a grainy photo). */
    private static BufferedImage picture(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(64);
                row[x] = ((x * 255 / width + noise) & 0xFF) << 16 | ((y * 255 / height + noise) & 0xFF) << 8
                        | (noise * 3 & 0xFF);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG without the JFIF APP0 segment ImageIO writes: phones write EXIF in its place. */
    private static byte[] withoutApp0(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            return jpeg;
        }
        int length = (jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF);
        return PhoneMetadata.concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, Arrays.copyOfRange(jpeg, 4 + length, jpeg.length));
    }
}
