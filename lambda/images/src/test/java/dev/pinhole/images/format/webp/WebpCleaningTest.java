package dev.pinhole.images.format.webp;

import static dev.pinhole.images.format.webp.Riff.anim;
import static dev.pinhole.images.format.webp.Riff.anmf;
import static dev.pinhole.images.format.webp.Riff.chunk;
import static dev.pinhole.images.format.webp.Riff.vp8;
import static dev.pinhole.images.format.webp.Riff.vp8l;
import static dev.pinhole.images.format.webp.Riff.vp8x;
import static dev.pinhole.images.format.webp.Riff.webp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cleaning judged by outsiders: exiftool says what metadata is left, TwelveMonkeys' decoder says whether
 * the pixels changed. The metadata is written by exiftool into copies of libwebp's output.
 */
class WebpCleaningTest {
    private static final WebpFormat WEBP = new WebpFormat();
    /** The groups exiftool puts what the cleaner removes in: Exif, GPS, XMP. */
    private static final Set<String> REMOVED_GROUPS = Set.of("IFD0", "IFD1", "ExifIFD", "GPS", "XMP-x", "XMP-dc",
            "XMP-exif", "XMP-tiff", "XMP-xmp");
    /** exiftool takes a second per run: each sample is tagged once for all tests. */
    private static final Map<String, byte[]> TAGGED = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    Path dir;

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("lossy", (Supplier<byte[]>) SampleImages::webp),
                Arguments.of("lossless", (Supplier<byte[]>) SampleImages::webpLossless),
                Arguments.of("alpha", (Supplier<byte[]>) SampleImages::webpWithAlpha),
                Arguments.of("animated", (Supplier<byte[]>) SampleImages::webpAnimated));
    }

    @ParameterizedTest(name = "{0}: exiftool finds no GPS, camera, XMP or comment, and the same ICC profile")
    @MethodSource("samples")
    void clean_removesEveryTagExiftoolWroteButTheColourProfile(String name, Supplier<byte[]> sample) throws IOException {
        // Given a WebP into which exiftool wrote position, camera, dates, comments, XMP and an ICC profile
        Exiftool exifTool = Exiftool.require();
        Path tagged = Files.write(dir.resolve("tagged.webp"), tagged(name, sample));
        Map<String, String> before = exifTool.tags(tagged);
        assertTrue(before.containsKey("GPS:GPSLatitude") && before.containsKey("XMP-dc:Creator")
                && before.containsKey("ExifIFD:SerialNumber") && before.containsKey("ICC_Profile:ProfileDescription"),
                "exiftool did not write the fixture's tags: " + before.keySet());

        // When it is cleaned
        Cleaning cleaning = WEBP.clean(Files.readAllBytes(tagged), MetadataPolicy.PRIVACY_DEFAULT);

        // Then exiftool finds none of the removed groups, and every ICC tag exactly as before
        Path cleaned = Files.write(dir.resolve("cleaned.webp"), cleaning.bytes());
        Map<String, String> after = exifTool.tags(cleaned);
        List<String> left = after.keySet().stream()
                .filter(tag -> REMOVED_GROUPS.contains(group(tag)) || tag.contains("GPS")).toList();
        assertEquals(List.of(), left);
        assertEquals(iccTags(before), iccTags(after));
        String flags = after.get("RIFF:WebP_Flags");
        assertTrue(flags.contains("ICC Profile") && !flags.contains("EXIF") && !flags.contains("XMP"), flags);
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.PEOPLE,
                MetadataKind.TEXT), cleaning.removed());
    }

    @ParameterizedTest(name = "{0}: every frame decodes to the same pixels, its chunks byte for byte")
    @MethodSource("samples")
    void clean_leavesTheImageDataAndPixelsUntouched(String name, Supplier<byte[]> sample) throws IOException {
        // Given a tagged WebP
        byte[] original = tagged(name, sample);

        // When it is cleaned
        byte[] cleaned = WEBP.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes();

        // Then the chunks a decoder reads are the same bytes, and the decoder sees the same pixels
        assertEquals(displayChunks(original), displayChunks(cleaned));
        List<int[]> before = decodeFrames(original);
        List<int[]> after = decodeFrames(cleaned);
        assertTrue(!before.isEmpty(), "the decoder read no frame");
        assertEquals(before.size(), after.size());
        for (int frame = 0; frame < before.size(); frame++) {
            assertArrayEquals(before.get(frame), after.get(frame), "frame " + frame);
        }
    }

    @ParameterizedTest(name = "{0}: the cleaned file inspects, and cleaning it again returns it unchanged")
    @MethodSource("samples")
    void clean_producesAValidFileThatASecondCleaningLeavesAlone(String name, Supplier<byte[]> sample) throws IOException {
        byte[] original = tagged(name, sample);

        byte[] cleaned = WEBP.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes();
        Cleaning again = WEBP.clean(cleaned, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(WEBP.inspect(original, InspectionLimits.DEFAULT), WEBP.inspect(cleaned, InspectionLimits.DEFAULT));
        assertSame(cleaned, again.bytes());
        assertEquals(Set.of(), again.removed());
    }

    @ParameterizedTest(name = "{0} without metadata is returned as the very same array")
    @MethodSource("samples")
    void clean_returnsTheSameArrayWhenThereIsNothingToRemove(String name, Supplier<byte[]> sample) {
        byte[] image = sample.get();

        Cleaning cleaning = WEBP.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertSame(image, cleaning.bytes());
        assertEquals(Set.of(), cleaning.removed());
    }

    @Test
    void clean_dropsUnknownChunksAtTheTopAndAtTheEndOfFrames() {
        // Given an animation with an unknown chunk at the top level and one at the end of its frame
        byte[] image = webp(vp8x(0x02, 8, 8), chunk("PRIV", Riff.ascii("owner: Jane")), anim(),
                anmf(0, 0, 8, 8, vp8l(8, 8), chunk("NOTE", Riff.ascii("taken at home"))));

        // When it is cleaned
        Cleaning cleaning = WEBP.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        // Then both are gone, reported as other metadata, and the frame (with its new size) still inspects
        assertEquals(Set.of(MetadataKind.OTHER), cleaning.removed());
        byte[] expected = webp(vp8x(0x02, 8, 8), anim(), anmf(0, 0, 8, 8, vp8l(8, 8)));
        assertArrayEquals(expected, cleaning.bytes());
        assertEquals(1, WEBP.inspect(cleaning.bytes(), InspectionLimits.DEFAULT).frames());
    }

    @Test
    void clean_clearsOnlyTheExifAndXmpFlags() {
        // Given a VP8X declaring ICC, alpha, EXIF and XMP, with EXIF and XMP chunks before and after the image
        byte[] image = webp(vp8x(0x3C, 8, 8), chunk("ICCP", new byte[4]), chunk("EXIF", new byte[6]),
                chunk("ALPH", new byte[2]), vp8(8, 8), chunk("XMP ", Riff.ascii("<x:xmpmeta dc:creator='J'/>")));

        Cleaning cleaning = WEBP.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        byte[] expected = webp(vp8x(0x30, 8, 8), chunk("ICCP", new byte[4]), chunk("ALPH", new byte[2]), vp8(8, 8));
        assertArrayEquals(expected, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.PEOPLE),
                cleaning.removed());
    }

    @Test
    void clean_refusesAFileWhoseChunkSizesLieRatherThanGuessing() {
        // Given a WebP whose XMP chunk claims 1 GB (as a hostile upload might, hoping a cleaner trusts it)
        byte[] image = webp(vp8x(0x04, 8, 8), vp8(8, 8), Riff.ascii("XMP "), Riff.le32(1 << 30), new byte[16]);

        Refusal refusal = assertThrows(Refusal.class, () -> WEBP.clean(image, MetadataPolicy.PRIVACY_DEFAULT));
        assertEquals(dev.pinhole.images.format.RefusalReason.TRUNCATED, refusal.reason());
    }

    private byte[] tagged(String name, Supplier<byte[]> sample) {
        return TAGGED.computeIfAbsent(name, key -> {
            try {
                return tag(Exiftool.require(), sample.get());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).clone();
    }

    private byte[] tag(Exiftool exifTool, byte[] image) throws IOException {
        Path profile = Files.write(dir.resolve("srgb.icc"), ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        Path file = Files.write(dir.resolve("to-tag.webp"), image);
        exifTool.writeInPlace(file, "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-Make=Pinhole", "-Model=TestCam", "-SerialNumber=SN123", "-DateTimeOriginal=2024:01:02 03:04:05",
                "-UserComment=at home", "-XMP-dc:Creator=Jane Doe", "-XMP-dc:Description=secret caption",
                "-ICC_Profile<=" + profile);
        return Files.readAllBytes(file);
    }

    private static String group(String tag) {
        return tag.substring(0, Math.max(0, tag.indexOf(':')));
    }

    private static Map<String, String> iccTags(Map<String, String> tags) {
        return tags.entrySet().stream().filter(e -> group(e.getKey()).startsWith("ICC"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The bytes of every chunk a decoder reads, in order, listed from the file independently of the cleaner. */
    private static List<String> displayChunks(byte[] file) {
        List<String> chunks = new ArrayList<>();
        for (int at = 12; at + 8 <= file.length; ) {
            String type = Riff.typeAt(file, at);
            int size = (file[at + 4] & 0xFF) | (file[at + 5] & 0xFF) << 8 | (file[at + 6] & 0xFF) << 16 | (file[at + 7] & 0xFF) << 24;
            int end = at + 8 + size + (size & 1);
            if (Set.of("ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L").contains(type)) {
                chunks.add(type + ":" + java.util.HexFormat.of().formatHex(file, at, end));
            }
            at = end;
        }
        return chunks;
    }

    private static List<int[]> decodeFrames(byte[] file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("webp").next();
            try {
                reader.setInput(in);
                List<int[]> frames = new ArrayList<>();
                for (int i = 0; i < reader.getNumImages(true); i++) {
                    BufferedImage frame = reader.read(i);
                    frames.add(frame.getRGB(0, 0, frame.getWidth(), frame.getHeight(), null, 0, frame.getWidth()));
                }
                return frames;
            } finally {
                reader.dispose();
            }
        }
    }
}
