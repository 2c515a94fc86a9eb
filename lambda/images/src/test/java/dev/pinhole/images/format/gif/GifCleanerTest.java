package dev.pinhole.images.format.gif;

import static dev.pinhole.images.format.FormatTesting.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleaning a GIF drops comments and application data (XMP among it) and keeps the loop, the colour profile
 * and every frame byte for byte. exiftool judges.
 */
class GifCleanerTest {
    @TempDir
    Path temp;
    private Exiftool exiftool;
    private Path iccProfile;
    private final GifFormat gif = new GifFormat();

    @BeforeEach
    void setUp() throws IOException {
        exiftool = Exiftool.require(temp);
        iccProfile = Files.write(temp.resolve("srgb.icc"), ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    }

    @Test
    void clean_removesXmpAndCommentsButKeepsLoopProfileAndFrames() {
        // Given an animated GIF to which exiftool added XMP (GPS, camera, creator, date), a comment and an ICC profile
        byte[] animation = SampleImages.animatedGif(40, 30, 6);
        byte[] original = exiftool.write(animation, "gif", "-XMP:GPSLatitude=48.8583", "-XMP:GPSLatitudeRef=N",
                "-XMP:GPSLongitude=2.2945", "-XMP:GPSLongitudeRef=E", "-XMP:Make=Canon", "-XMP:Model=EOS R5",
                "-XMP:SerialNumber=99887766", "-XMP:Creator=Jane Doe", "-XMP:DateTimeOriginal=2024:07:14 10:11:12",
                "-Comment=Taken at home, 12 Rue Example", "-ICC_Profile<=" + iccProfile);
        Map<String, String> before = exiftool.read(original, "gif");
        assertTrue(before.keySet().containsAll(List.of("XMP-exif:GPSLatitude", "XMP-tiff:Make", "XMP-dc:Creator",
                "File:Comment", "ICC_Profile:ProfileDescription", "GIF:AnimationIterations")), before::toString);

        // When it is cleaned
        Cleaning cleaning = gif.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then no XMP or comment is left, the profile and the loop are, and the uploader is told
        Map<String, String> after = exiftool.read(cleaning.bytes(), "gif");
        assertEquals(Map.of(), Exiftool.matching(Exiftool.outsideColourProfile(after),
                "XMP", "Comment", "GPS", "Make", "Model", "Serial", "Creator"));
        assertEquals("sRGB built-in", after.get("ICC_Profile:ProfileDescription"), after::toString);
        assertEquals(before.get("GIF:AnimationIterations"), after.get("GIF:AnimationIterations"));
        assertEquals(before.get("GIF:FrameCount"), after.get("GIF:FrameCount"));
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.PEOPLE, MetadataKind.DATES,
                MetadataKind.TEXT), cleaning.removed());
        // and every frame is the same
        assertSamePixels(original, cleaning.bytes());
        assertCleanAndStable(cleaning.bytes(), new Inspection(40, 30, 6));
    }

    @Test
    void clean_givesBackTheEncodersFileWhenOnlyAddedMetadataIsRemoved() {
        // Given a still GIF with a comment written in by exiftool
        byte[] plain = SampleImages.gif(32, 32);
        byte[] commented = exiftool.write(plain, "gif", "-Comment=hello");

        // When it is cleaned, Then the result is the encoder's file again, byte for byte
        Cleaning cleaning = gif.clean(commented, MetadataPolicy.PRIVACY_DEFAULT);
        assertArrayEquals(plain, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.TEXT), cleaning.removed());
    }

    @Test
    void clean_returnsTheSameArrayWhenThereIsNothingToRemove() {
        byte[] animation = SampleImages.animatedGif(20, 20, 3);

        Cleaning cleaning = gif.clean(animation, MetadataPolicy.PRIVACY_DEFAULT);

        assertSame(animation, cleaning.bytes());
        assertEquals(Set.of(), cleaning.removed());
    }

    @Test
    void clean_dropsUnknownApplicationExtensionsAndKeepsTheKnownOnes() {
        // Given a GIF with an editor's private application block next to the two loop extensions
        byte[] original = GifBytes.screen(1, 1).application("NETSCAPE2.0", new byte[] {1, 0, 0})
                .application("ANIMEXTS1.0", new byte[] {1, 0, 0})
                .application("FRACTINT001", "user=jane".getBytes(StandardCharsets.US_ASCII))
                .graphicControl(5).pixelFrame().extension(0x01, new byte[12], new byte[] {'h', 'i'}).trailer().bytes();
        byte[] expected = GifBytes.screen(1, 1).application("NETSCAPE2.0", new byte[] {1, 0, 0})
                .application("ANIMEXTS1.0", new byte[] {1, 0, 0})
                .graphicControl(5).pixelFrame().extension(0x01, new byte[12], new byte[] {'h', 'i'}).trailer().bytes();

        // When it is cleaned
        Cleaning cleaning = gif.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then only the private block is gone
        assertArrayEquals(expected, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.OTHER), cleaning.removed());
    }

    @Test
    void clean_ignoresTheCopyrightPolicyBecauseGifHasNoCopyrightField() {
        byte[] commented = exiftool.write(SampleImages.gif(16, 16), "gif", "-Comment=(c) Jane Doe");

        Cleaning cleaning = gif.clean(commented, new MetadataPolicy(true));

        assertEquals(Map.of(), Exiftool.matching(exiftool.read(cleaning.bytes(), "gif"), "Comment"));
    }

    private void assertCleanAndStable(byte[] cleaned, Inspection expected) {
        assertEquals(expected, gif.inspect(cleaned, InspectionLimits.DEFAULT));
        Cleaning again = gif.clean(cleaned, MetadataPolicy.PRIVACY_DEFAULT);
        assertSame(cleaned, again.bytes());
        assertEquals(Set.of(), again.removed());
    }
}
