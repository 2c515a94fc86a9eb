package dev.pinhole.images.format.png;

import static dev.pinhole.images.format.FormatTesting.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleaning a PNG removes everything that tells where, when, with what or by whom a picture was made, keeps
 * everything that decides how it looks, and copies every kept chunk byte for byte. exiftool judges.
 */
class PngCleanerTest {
    /** exiftool's names for what the fixtures carry and a cleaned image must not (ICC groups left out). */
    private static final String[] PRIVATE_TAGS = {"GPS", "Make", "Model", "Serial", "Lens", "DateTime", "Date",
        "Creator", "City", "Comment", "Author", "Copyright", "XMP", "Software"};

    @TempDir
    Path temp;
    private Exiftool exiftool;
    private Path iccProfile;
    private final PngFormat png = new PngFormat();

    @BeforeEach
    void setUp() throws IOException {
        exiftool = Exiftool.require(temp);
        iccProfile = Files.write(temp.resolve("srgb.icc"), ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    }

    @Test
    void clean_removesLocationCameraPeopleAndTextButKeepsTheColourProfile() {
        // Given a photo-like PNG: GPS, camera make/model/serial/lens, capture date, XMP creator and city,
        // text chunks, a modification time, a private chunk, and an ICC profile
        byte[] original = PngBytes.insertBeforeImageData(personalPng(SampleImages.png(64, 48)),
                PngBytes.chunkBytes("prVt", "owner=jane@example.com".getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> before = exiftool.read(original, "png");
        assertTrue(before.keySet().containsAll(List.of("GPS:GPSLatitude", "GPS:GPSLongitude", "GPS:GPSAltitude",
                "IFD0:Make", "IFD0:Model", "ExifIFD:SerialNumber", "ExifIFD:LensModel", "ExifIFD:DateTimeOriginal",
                "XMP-dc:Creator", "XMP-photoshop:City", "PNG:Comment", "PNG:Author", "PNG:Software",
                "PNG:ModifyDate", "ICC_Profile:ProfileDescription")), () -> "the fixture carries: " + before);

        // When it is cleaned
        Cleaning cleaning = png.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then exiftool finds none of it, only the colour profile, and the uploader is told what went
        Map<String, String> after = exiftool.read(cleaning.bytes(), "png");
        assertEquals(Map.of(), privateTags(after));
        assertEquals(Map.of(), Exiftool.matching(after, "GPS:", "IFD0:", "ExifIFD:", "XMP-", "Composite:GPS"));
        assertEquals("sRGB built-in", after.get("ICC_Profile:ProfileDescription"), after::toString);
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.PEOPLE,
                MetadataKind.TEXT, MetadataKind.OTHER), cleaning.removed());
        // and the picture is untouched: same pixels, every kept chunk (IDAT included) byte for byte
        assertSamePixels(original, cleaning.bytes());
        assertChunksAreTheKeptOriginals(original, cleaning.bytes());
        assertCleanAndStable(cleaning.bytes(), 64, 48, 1);
    }

    @Test
    void clean_removesCompressedTextAndTime() {
        // Given text long enough for exiftool -z to store it compressed (zTXt), and a tIME chunk
        String essay = "A long comment about where this was taken. ".repeat(40);
        byte[] original = exiftool.write(SampleImages.png(32, 32), "png", "-z", "-PNG:Comment=" + essay,
                "-PNG:ModifyDate=2024:05:06 07:08:09");
        assertTrue(PngBytes.chunks(original).stream().anyMatch(c -> c.type().equals("zTXt")), "fixture has zTXt");
        assertTrue(PngBytes.chunks(original).stream().anyMatch(c -> c.type().equals("tIME")), "fixture has tIME");

        // When it is cleaned
        Cleaning cleaning = png.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then both are gone and reported as text and dates
        assertEquals(Map.of(), privateTags(exiftool.read(cleaning.bytes(), "png")));
        assertEquals(Set.of(MetadataKind.TEXT, MetadataKind.DATES), cleaning.removed());
        assertCleanAndStable(cleaning.bytes(), 32, 32, 1);
    }

    @Test
    void clean_returnsTheSameArrayWhenThereIsNothingToRemove() {
        // Given a PNG straight from an encoder, with nothing but pixels
        byte[] plain = SampleImages.png(40, 30);

        // When it is cleaned
        Cleaning cleaning = png.clean(plain, MetadataPolicy.PRIVACY_DEFAULT);

        // Then it is published byte for byte: the very same array, nothing reported
        assertSame(plain, cleaning.bytes());
        assertFalse(cleaning.changed());
    }

    @Test
    void clean_keepsEveryChunkThatDecidesHowThePictureLooks() {
        // Given a PNG with colour-space, gamma, background, transparency, size and HDR chunks
        byte[] base = SampleImages.png(16, 16);
        byte[][] rendering = {
            PngBytes.chunkBytes("cHRM", new byte[32]),
            PngBytes.chunkBytes("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}),
            PngBytes.chunkBytes("sBIT", new byte[] {8, 8, 8}), PngBytes.chunkBytes("cICP", new byte[] {1, 13, 0, 1}),
            PngBytes.chunkBytes("mDCV", new byte[24]), PngBytes.chunkBytes("cLLI", new byte[8]),
            PngBytes.chunkBytes("bKGD", new byte[6]), PngBytes.chunkBytes("tRNS", new byte[6]),
            PngBytes.chunkBytes("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1})};
        byte[] original = PngBytes.insertBeforeImageData(base, rendering);

        // When it is cleaned, Then the file is unchanged
        assertSame(original, png.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes());
    }

    @Test
    void clean_keepsOnlyTheCopyrightTextWhenTheDeploymentAsksForIt() {
        // Given a PNG with a Copyright and an Author text chunk
        byte[] original = exiftool.write(SampleImages.png(32, 32), "png", "-PNG:Copyright=(c) 2024 Jane Doe",
                "-PNG:Author=Jane Doe", "-PNG:Comment=copyright holders are not comments");

        // When cleaned with the copyright kept, and with the privacy default
        Cleaning keeping = png.clean(original, new MetadataPolicy(true));
        Cleaning dropping = png.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then only the first keeps the notice, and neither keeps the author or the comment
        Map<String, String> kept = exiftool.read(keeping.bytes(), "png");
        assertEquals(Map.of("PNG:Copyright", "(c) 2024 Jane Doe"), privateTags(kept));
        assertEquals(Map.of(), privateTags(exiftool.read(dropping.bytes(), "png")));
        assertTrue(dropping.removed().contains(MetadataKind.PEOPLE), dropping.removed()::toString);
    }

    @Test
    void clean_keepsTheOrientationBrowsersApplyAndNothingElseOfExif() {
        // Given a PNG whose eXIf (before the image data) turns it 90 degrees and carries GPS and a camera
        byte[] original = exiftool.write(SampleImages.png(40, 20), "png", "-Orientation=6", "-GPSLatitude=51.5",
                "-GPSLatitudeRef=N", "-Make=Nikon", "-Model=Z 6");
        assertEquals("6", exiftool.read(original, "png").get("IFD0:Orientation"));

        // When it is cleaned
        Cleaning cleaning = png.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then exiftool reads the same Orientation and no GPS or camera; the pixels are untouched
        Map<String, String> after = exiftool.read(cleaning.bytes(), "png");
        assertEquals("6", after.get("IFD0:Orientation"), after::toString);
        assertEquals(Map.of(), privateTags(after));
        assertTrue(cleaning.removed().containsAll(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA)));
        assertSamePixels(original, cleaning.bytes());
        assertCleanAndStable(cleaning.bytes(), 40, 20, 1);
    }

    @Test
    void clean_dropsAnOrientationAfterTheImageDataWhichNoBrowserApplies() {
        // Given a PNG whose eXIf with an Orientation comes after IDAT
        byte[] tagged = exiftool.write(SampleImages.png(20, 20), "png", "-Orientation=3");
        PngBytes.Chunk exif = PngBytes.chunks(tagged).stream().filter(c -> c.type().equals("eXIf")).findFirst()
                .orElseThrow();
        byte[] withoutExif = ApngRefusalTest.rewrite(tagged, c -> c.type().equals("eXIf") ? new byte[0] : c.bytes());
        byte[] late = PngBytes.insert(withoutExif, c -> c.type().equals("IEND"), exif.bytes());

        // When it is cleaned
        Cleaning cleaning = png.clean(late, MetadataPolicy.PRIVACY_DEFAULT);

        // Then no eXIf is left at all
        assertTrue(PngBytes.chunks(cleaning.bytes()).stream().noneMatch(c -> c.type().equals("eXIf")));
        assertSamePixels(late, cleaning.bytes());
    }

    @Test
    void clean_removesTenThousandTextChunksAndGivesBackTheImageAlone() {
        // Given a valid PNG with 10,000 text chunks put in
        byte[] plain = SampleImages.png(64, 48);
        byte[] flood = PngRefusalTest.textFlood(10_000);

        // When it is cleaned
        Cleaning cleaning = png.clean(flood, MetadataPolicy.PRIVACY_DEFAULT);

        // Then exactly the original image is left
        assertArrayEquals(plain, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.TEXT), cleaning.removed());
    }

    @Test
    void clean_keepsTheAnimationOfAnApngByteForByte() {
        // Given an APNG of four frames with a comment and XMP written by exiftool
        byte[] animation = ApngBytes.animation(30, 20, 4);
        byte[] original = exiftool.write(animation, "png", "-PNG:Comment=party", "-XMP:Creator=Jane Doe");

        // When it is cleaned
        Cleaning cleaning = png.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then the animation is what it was before exiftool touched it, chunk for chunk
        assertArrayEquals(animation, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.TEXT, MetadataKind.PEOPLE), cleaning.removed());
        assertCleanAndStable(cleaning.bytes(), 30, 20, 4);
    }

    @Test
    void clean_reportsCompressedXmpAsEverythingItCouldHold() {
        // Given an iTXt XMP packet stored compressed, which the cleaner does not inflate to read
        byte[] packet = PngBytes.zlib("<x:xmpmeta>nothing</x:xmpmeta>".getBytes(StandardCharsets.UTF_8));
        byte[] data = new byte[PngTextChunk.XMP_KEYWORD.length() + 5 + packet.length];
        System.arraycopy(PngTextChunk.XMP_KEYWORD.getBytes(StandardCharsets.US_ASCII), 0, data, 0,
                PngTextChunk.XMP_KEYWORD.length());
        data[PngTextChunk.XMP_KEYWORD.length() + 1] = 1; // compressed
        System.arraycopy(packet, 0, data, PngTextChunk.XMP_KEYWORD.length() + 5, packet.length);
        byte[] original = PngBytes.insertBeforeImageData(SampleImages.png(8, 8), PngBytes.chunkBytes("iTXt", data));

        // When it is cleaned, Then it is removed and reported as location, camera, dates, people and text
        assertTrue(png.clean(original, MetadataPolicy.PRIVACY_DEFAULT).removed().containsAll(Set.of(
                MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.PEOPLE)));
    }

    private byte[] personalPng(byte[] base) {
        return exiftool.write(base, "png",
                "-GPSLatitude=48.8583", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-GPSAltitude=35", "-Make=Canon", "-Model=Canon EOS 5D Mark IV", "-SerialNumber=012345678901",
                "-LensModel=EF24-70mm f/2.8L II USM", "-DateTimeOriginal=2024:07:14 10:11:12",
                "-XMP:Creator=Jane Doe", "-XMP:City=Paris", "-PNG:Comment=Our flat, 3rd floor",
                "-PNG:Author=Jane Doe", "-PNG:Software=Phone camera 5.1", "-PNG:ModifyDate=2024:07:14 10:11:12",
                "-ICC_Profile<=" + iccProfile);
    }

    /** The tags exiftool reads that name a private fact, outside the ICC profile's own groups. */
    private static Map<String, String> privateTags(Map<String, String> tags) {
        Map<String, String> found = Exiftool.matching(Exiftool.outsideColourProfile(tags), PRIVATE_TAGS);
        return found;
    }

    /** The cleaned file is the original's kept chunks, each byte for byte, in the original order. */
    private static void assertChunksAreTheKeptOriginals(byte[] original, byte[] cleaned) {
        List<String> expected = PngBytes.chunks(original).stream().filter(c -> PngChunkPolicy.keeps(c.type()))
                .map(c -> Arrays.toString(c.bytes())).toList();
        List<String> actual = PngBytes.chunks(cleaned).stream().map(c -> Arrays.toString(c.bytes())).toList();
        assertEquals(expected, actual);
    }

    /** The cleaned file inspects as the same picture, and cleaning it again changes nothing. */
    private void assertCleanAndStable(byte[] cleaned, int width, int height, int frames) {
        assertEquals(new Inspection(width, height, frames), png.inspect(cleaned, InspectionLimits.DEFAULT));
        Cleaning again = png.clean(cleaned, MetadataPolicy.PRIVACY_DEFAULT);
        assertSame(cleaned, again.bytes());
        assertEquals(Set.of(), again.removed());
    }
}
