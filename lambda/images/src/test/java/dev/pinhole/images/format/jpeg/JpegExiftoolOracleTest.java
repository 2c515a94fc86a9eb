package dev.pinhole.images.format.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.testkit.SampleImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ExifTool judges the cleaner: it writes a phone photo's metadata into a real JPEG, and after cleaning it
 * must find nothing but what display needs, with the same orientation, colour profile and pixels.
 */
class JpegExiftoolOracleTest {
    /** File-group tags that describe the picture itself (size, sampling), not who took it. */
    private static final Set<String> FILE_TAGS = Set.of("FileType", "FileTypeExtension", "MIMEType", "ExifByteOrder",
            "ImageWidth", "ImageHeight", "EncodingProcess", "BitsPerSample", "ColorComponents", "YCbCrSubSampling");
    /** Everything else exiftool may still report: the file system, JFIF, orientation, the profile (ICC*). */
    private static final Set<String> ALLOWED_GROUPS = Set.of("SourceFile", "ExifTool:ExifToolVersion", "System",
            "JFIF", "IFD0:Orientation", "Composite:ImageSize", "Composite:Megapixels");

    private final ImageFormat jpeg = new JpegFormat();
    @TempDir
    Path folder;
    private Exiftool exiftool;

    @BeforeEach
    void findExiftool() {
        exiftool = new Exiftool(folder);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 3, 6, 8})
    void phonePhotoMetadata_isRemoved_whileOrientationProfileAndPixelsStay(int orientation) throws IOException {
        // Given a real JPEG into which exiftool writes what a phone records
        byte[] photo = phonePhoto(orientation);
        JsonObject before = exiftool.tags(photo);
        for (String tag : List.of("GPS:GPSLatitude", "GPS:GPSLongitude", "IFD0:Make", "IFD0:Model", "ExifIFD:SerialNumber",
                "ExifIFD:LensModel", "ExifIFD:DateTimeOriginal", "IFD0:Artist", "IFD0:Copyright", "XMP-dc:Creator",
                "IPTC:By-line", "File:Comment", "IFD1:ThumbnailImage", "ICC_Profile:ProfileDescription")) {
            assertTrue(before.has(tag), "the fixture must carry " + tag + ": " + before.keySet());
        }

        // When it is inspected and cleaned
        jpeg.inspect(photo, InspectionLimits.DEFAULT);
        Cleaning cleaning = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT);
        byte[] cleaned = cleaning.bytes();

        // Then exiftool finds only what display needs, and the picture is the same
        JsonObject after = exiftool.tags(cleaned);
        assertEquals(List.of(), unexpectedTags(after));
        assertEquals(orientationOf(before), orientationOf(after));
        assertArrayEquals(exiftool.binary(photo, "ICC_Profile"), exiftool.binary(cleaned, "ICC_Profile"));
        assertArrayEquals(JpegBytes.scansToEnd(photo), JpegBytes.scansToEnd(cleaned));
        assertSamePixels(photo, cleaned);
        assertTrue(cleaning.removed().containsAll(EnumSet.of(MetadataKind.LOCATION, MetadataKind.CAMERA,
                MetadataKind.DATES, MetadataKind.PEOPLE, MetadataKind.TEXT, MetadataKind.THUMBNAIL)), cleaning.removed().toString());
        // And the cleaned file is accepted again and has nothing more to give
        jpeg.inspect(cleaned, InspectionLimits.DEFAULT);
        assertSame(cleaned, jpeg.clean(cleaned, MetadataPolicy.PRIVACY_DEFAULT).bytes());
    }

    @Test
    void profileLargerThanOneSegment_isKeptWholeAcrossItsApp2Segments() throws IOException {
        byte[] profile = IccProfiles.srgbLargerThan(100_000);
        byte[] photo = exiftool.write(SampleImages.jpeg(200, 150), "-ICC_Profile<=" + exiftool.file("big.icc", profile),
                "-GPSLatitude=59.91", "-GPSLatitudeRef=N", "-Make=Pinhole");
        assertTrue(countMarkers(photo, 0xE2) >= 2, "exiftool must have split the profile");

        byte[] cleaned = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT).bytes();

        assertArrayEquals(profile, exiftool.binary(cleaned, "ICC_Profile"));
        assertEquals(countMarkers(photo, 0xE2), countMarkers(cleaned, 0xE2));
        assertEquals(List.of(), unexpectedTags(exiftool.tags(cleaned)));
        assertSamePixels(photo, cleaned);
    }

    @Test
    void extendedXmpOver64Kb_isRemovedWithTheMainPacket() {
        byte[] description = "a very long caption ".repeat(5000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] photo = exiftool.write(SampleImages.jpeg(120, 90), "-XMP-dc:Description<="
                + exiftool.file("caption.txt", description), "-XMP-dc:Creator=Ada Creator", "-XMP-exif:GPSLatitude=10");
        assertTrue(exiftool.tags(photo).has("XMP-xmpNote:HasExtendedXMP"), "exiftool must have written extended XMP");

        Cleaning cleaning = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(List.of(), unexpectedTags(exiftool.tags(cleaning.bytes())));
        assertArrayEquals(SampleImages.jpeg(120, 90), cleaning.bytes());
        assertTrue(cleaning.removed().containsAll(Set.of(MetadataKind.PEOPLE, MetadataKind.TEXT, MetadataKind.LOCATION)));
    }

    @Test
    void deploymentThatKeepsCopyright_keepsExifCopyrightAndNothingElse() {
        byte[] photo = exiftool.write(SampleImages.jpeg(64, 64), "-Copyright=(c) Ada Lovelace 2024", "-Artist=Ada",
                "-Orientation#=6", "-GPSLatitude=1", "-Make=Pinhole");

        byte[] cleaned = jpeg.clean(photo, new MetadataPolicy(true)).bytes();

        JsonObject after = exiftool.tags(cleaned);
        assertEquals("(c) Ada Lovelace 2024", after.get("IFD0:Copyright").getAsString());
        after.remove("IFD0:Copyright");
        assertEquals(List.of(), unexpectedTags(after));
        assertEquals(6, orientationOf(after));
    }

    @Test
    void littleEndianExif_staysLittleEndian() {
        byte[] photo = exiftool.write(SampleImages.jpeg(64, 48), "-ExifByteOrder=II", "-Orientation#=8", "-Model=X");
        assertEquals("II", exiftool.tags(photo).get("File:ExifByteOrder").getAsString());

        JsonObject after = exiftool.tags(jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT).bytes());

        assertEquals("II", after.get("File:ExifByteOrder").getAsString());
        assertEquals(8, orientationOf(after));
    }

    private byte[] phonePhoto(int orientation) {
        Path thumbnail = exiftool.file("thumbnail.jpg", SampleImages.jpeg(64, 48));
        Path makerNotes = exiftool.file("makernotes.bin", "Pinhole maker notes: serial 0042, owner Ada".repeat(20)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path profile = exiftool.file("srgb.icc", IccProfiles.srgb());
        return exiftool.write(SampleImages.jpeg(320, 240),
                "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-Make=PinholeCam", "-Model=Test Model", "-SerialNumber=SN-12345", "-LensModel=Lens 50mm",
                "-DateTimeOriginal=2024:05:06 07:08:09", "-Artist=Ada Artist", "-Copyright=Ada Copyright",
                "-XMP-dc:Creator=Ada Creator", "-IPTC:By-line=Ada Byline", "-Comment=the secret garden",
                "-ThumbnailImage<=" + thumbnail, "-MakerNotes<=" + makerNotes, "-Orientation#=" + orientation,
                "-ICC_Profile<=" + profile);
    }

    private static List<String> unexpectedTags(JsonObject tags) {
        List<String> unexpected = new ArrayList<>();
        for (String key : tags.keySet()) {
            String group = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            boolean allowed = group.equals("File") ? FILE_TAGS.contains(key.substring(5))
                    : group.startsWith("ICC") || ALLOWED_GROUPS.contains(group) || ALLOWED_GROUPS.contains(key);
            if (!allowed) {
                unexpected.add(key + "=" + tags.get(key));
            }
        }
        return unexpected;
    }

    /** EXIF Orientation as exiftool reads it; a file without one is shown as 1 (the default). */
    private static int orientationOf(JsonObject tags) {
        return tags.has("IFD0:Orientation") ? tags.get("IFD0:Orientation").getAsInt() : 1;
    }

    private static int countMarkers(byte[] jpeg, int marker) {
        return (int) JpegBytes.headerMarkers(jpeg).stream().filter(m -> m[0] == marker).count();
    }

    private static void assertSamePixels(byte[] original, byte[] cleaned) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(cleaned));
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        assertArrayEquals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }
}
