package dev.pinhole.images.format.jpeg;

import dev.pinhole.testkit.SampleImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Real JPEGs in the variants the reader must accept, encoded by the JDK's writer. */
final class JpegSamples {
    private JpegSamples() {
    }

    static byte[] baseline(int width, int height) {
        return SampleImages.jpeg(width, height);
    }

    static byte[] progressive(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), true, 0, 0.9f);
    }

    /** With a restart interval, so the compressed data carries RST0..RST7 markers. */
    static byte[] withRestarts(int width, int height, int interval) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), false, interval, 0.9f);
    }

    static byte[] grey(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_BYTE_GRAY), false, 0, 0.9f);
    }

    /** Noise at high quality: a JPEG of about 3 bytes per pixel, as large as a phone photo of its size. */
    static byte[] noisy(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return write(image, false, 0, 0.95f);
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(250, 200, 40));
        g.fillOval(width / 5, height / 5, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, boolean progressive, int restartInterval, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (restartInterval > 0) {
                String format = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                sequence.insertBefore(dri, sequence.getFirstChild());
                metadata.setFromTree(format, root);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
