package dev.pinhole.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The photos the privacy comparison cleans: a JPEG of about the asked size (a textured picture at quality
 * 0.92, so size follows pixel count), into which exiftool then writes what a phone writes: GPS, camera make,
 * model and serial number, dates, an XMP creator, a comment, orientation 6 and an ICC profile.
 */
final class PhotoFixtures {
    private PhotoFixtures() {
    }

    static Path phoneJpeg(Path work, int targetBytes, Path iccProfile) throws IOException, InterruptedException {
        // Bytes per pixel of this texture at this quality, measured once on a small picture, then sized to fit.
        double bytesPerPixel = encode(256, 256).length / (256.0 * 256.0);
        int side = (int) Math.sqrt(targetBytes / bytesPerPixel);
        Path photo = work.resolve("photo-" + targetBytes + ".jpg");
        Files.write(photo, encode(side * 4 / 3, side * 3 / 4));
        Process exiftool = new ProcessBuilder("exiftool", "-q", "-q", "-overwrite_original", "-n",
                "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-Make=Phonemaker", "-Model=Phone 15 Pro", "-SerialNumber=SN-4711-0815",
                "-DateTimeOriginal=2026:06:01 12:00:00", "-XMP-dc:Creator=Jane Doe", "-Comment=at home",
                "-Orientation=6", "-ICC_Profile<=" + iccProfile, photo.toString()).inheritIO().start();
        if (exiftool.waitFor() != 0) {
            throw new IllegalStateException("exiftool could not write the fixture's metadata");
        }
        return photo;
    }

    private static byte[] encode(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(64);
                image.setRGB(x, y, ((x * 255 / width + noise) & 0xFF) << 16 | ((y * 255 / height + noise) & 0xFF) << 8
                        | (noise * 3 & 0xFF));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
