package dev.pinhole.images.format.png;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinhole.images.format.Formats;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.testkit.SampleImages;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real PNGs in every layout an encoder writes are accepted, with their size and frame count. */
class PngInspectionTest {
    private static final Map<String, Integer> EXPECTED_DEPTH = Map.of("rgb8", 8, "rgba8", 8,
            "grey8", 8, "grey16", 16, "palette1", 1, "palette2", 2, "palette4", 4, "palette8", 8);
    private final PngFormat png = new PngFormat();

    static Stream<Arguments> layouts() {
        List<Arguments> cases = new ArrayList<>();
        String[] types = {"rgb8", "rgba8", "grey8", "grey16", "palette1", "palette2", "palette4", "palette8"};
        int[][] sizes = {{1, 1}, {7, 3}, {13, 17}, {100, 1}, {1, 33}};
        for (String type : types) {
            for (int[] size : sizes) {
                for (boolean interlaced : new boolean[] {false, true}) {
                    cases.add(Arguments.of(type, size[0], size[1], interlaced));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} interlaced={3}")
    @MethodSource("layouts")
    void inspect_acceptsEveryLayoutTheJdkEncoderWrites(String type, int width, int height, boolean interlaced)
            throws IOException {
        // Given a real PNG of that layout (the image data must inflate to exactly the size IHDR implies)
        byte[] image = encode(picture(type, width, height), interlaced);
        assertEquals(interlaced ? 1 : 0, image[28], "IHDR's interlace method");
        assertEquals(EXPECTED_DEPTH.get(type), (int) image[24], "IHDR's bit depth");

        // When it is inspected
        Inspection inspection = png.inspect(image, InspectionLimits.DEFAULT);

        // Then it is accepted as one frame of that size
        assertEquals(new Inspection(width, height, 1), inspection);
    }

    @Test
    void inspect_acceptsImageDataSplitOverManyChunks() {
        // Given a PNG whose compressed image data is spread over IDAT chunks of 100 bytes
        byte[] original = SampleImages.noisyPng(30_000, 3);
        byte[] data = PngBytes.imageData(original);
        PngBytes split = PngBytes.start().chunk("IHDR", Arrays.copyOfRange(original, 16, 29));
        for (int at = 0; at < data.length; at += 100) {
            split.chunk("IDAT", Arrays.copyOfRange(data, at, Math.min(data.length, at + 100)));
        }

        // When it is inspected
        Inspection inspection = png.inspect(split.end().bytes(), InspectionLimits.DEFAULT);

        // Then the chunks are read as one stream
        assertEquals(png.inspect(original, InspectionLimits.DEFAULT), inspection);
    }

    @Test
    void inspect_countsTheFramesOfAnAnimatedPng() {
        // Given an APNG of five frames, the later ones covering parts of the canvas
        byte[] animation = ApngBytes.animation(40, 30, 5);

        // When it is inspected
        Inspection inspection = png.inspect(animation, InspectionLimits.DEFAULT);

        // Then its canvas and its five frames are reported
        assertEquals(new Inspection(40, 30, 5), inspection);
    }

    @Test
    void inspect_acceptsAnimationWhoseDefaultImageIsNoFrame() {
        // Given an APNG whose first fcTL comes after IDAT (the still image is shown only where APNG is unknown)
        byte[] still = ApngBytes.frame(20, 10, 0);
        byte[] later = ApngBytes.frame(20, 10, 1);
        byte[] fdat = ByteBuffer.allocate(4 + PngBytes.imageData(later).length).putInt(1)
                .put(PngBytes.imageData(later)).array();
        byte[] animation = PngBytes.start().chunk("IHDR", Arrays.copyOfRange(still, 16, 29))
                .chunk("acTL", ByteBuffer.allocate(8).putInt(1).putInt(0).array())
                .chunk("IDAT", PngBytes.imageData(still))
                .chunk("fcTL", ApngBytes.frameControl(0, 20, 10, 0, 0))
                .chunk("fdAT", fdat).end().bytes();

        // When it is inspected
        Inspection inspection = png.inspect(animation, InspectionLimits.DEFAULT);

        // Then the one animation frame is counted
        assertEquals(new Inspection(20, 10, 1), inspection);
    }

    @Test
    void formats_registersPngForItsExtension() {
        // Given the registry, When png (in any case) is looked up, Then it is this format
        assertEquals(PngFormat.class, Formats.forExtension("PNG").orElseThrow().getClass());
    }

    static BufferedImage picture(String type, int width, int height) {
        BufferedImage image = switch (type) {
            case "rgb8" -> new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            case "rgba8" -> new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            case "grey8" -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case "grey16" -> new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
            case "palette8" -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
            default -> {
                int bits = Integer.parseInt(type.substring("palette".length()));
                int colours = 1 << bits;
                byte[] r = new byte[colours];
                byte[] g = new byte[colours];
                byte[] b = new byte[colours];
                for (int k = 0; k < colours; k++) {
                    r[k] = (byte) (k * 255 / (colours - 1));
                    g[k] = (byte) (255 - k * 40);
                    b[k] = (byte) (k * 70);
                }
                yield new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY,
                        new IndexColorModel(bits, colours, r, g, b));
            }
        };
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt() | 0x40000000);
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, boolean interlaced) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
