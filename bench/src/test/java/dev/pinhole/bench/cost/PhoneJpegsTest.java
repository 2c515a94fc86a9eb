package dev.pinhole.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.testkit.Exiftool;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's photos are what it says they are: real JPEGs of the exact size, with a phone's metadata. */
class PhoneJpegsTest {
    @TempDir
    Path work;

    @Test
    void photo_isExactlyTheSize_andDecodesToAFourByThreePicture() throws Exception {
        // Given sizes from the smallest to a megabyte, when photos are made for them
        for (int size : new int[] {PhoneJpegs.minimumBytes(), 100 * 1024 + 1, 1 << 20}) {
            byte[] jpeg = PhoneJpegs.ofSize(size, size);

            // Then each has exactly that size and decodes, about 4:3 above the smallest
            assertEquals(size, jpeg.length);
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(picture, "ImageIO cannot read the photo of " + size + " bytes");
            if (size > PhoneJpegs.minimumBytes()) {
                assertEquals(4 / 3.0, picture.getWidth() / (double) picture.getHeight(), 0.02);
            }
        }
    }

    @Test
    void photo_carriesWhatAPhoneWrites_asExiftoolReadsIt() {
        // Given exiftool, the independent reader, when it reads a photo of 100 KiB
        Map<String, String> tags = Exiftool.require(work).read(PhoneJpegs.ofSize(100 << 10, 7), "jpg");

        // Then it finds the position, the camera and its serial number, the dates, the owner, the thumbnail,
        // the XMP creator and the colour profile
        for (String tag : new String[] {"GPS:GPSLatitude", "GPS:GPSLongitude", "IFD0:Make", "IFD0:Model",
                "ExifIFD:SerialNumber", "ExifIFD:DateTimeOriginal", "IFD0:Artist", "IFD1:ThumbnailImage",
                "XMP-dc:Creator", "ICC_Profile:ProfileDescription"}) {
            assertTrue(tags.containsKey(tag), tag + " missing from " + tags.keySet());
        }
        assertEquals("SN-4711-0815", tags.get("ExifIFD:SerialNumber"));
        assertEquals(48.8584, Double.parseDouble(tags.get("GPS:GPSLatitude")), 1e-4);
    }

    @Test
    void publishedCheck_acceptsTheCleanedPicture_andNamesWhatIsWrongOtherwise() {
        // Given a photo, and "served" copies: without its metadata, with it, and of another picture
        byte[] sent = PhoneJpegs.ofSize(64 << 10, 3);
        byte[] cleaned = withoutMetadata(sent);
        byte[] otherPicture = withoutMetadata(PhoneJpegs.ofSize(64 << 10, 4));

        // Then only the cleaned copy passes
        assertNull(PublishedCheck.problem(sent, cleaned, "image/jpeg"));
        assertTrue(PublishedCheck.problem(sent, sent, "image/jpeg").contains("nothing was removed"));
        assertTrue(PublishedCheck.problem(sent, otherPicture, "image/jpeg").contains("not the picture"));
        assertTrue(PublishedCheck.problem(sent, cleaned, "text/html").contains("served as"));
        byte[] leaky = PhoneMetadata.concat(Arrays.copyOf(cleaned, 2), "Jane Doe".getBytes(),
                Arrays.copyOfRange(cleaned, 2, cleaned.length));
        assertTrue(PublishedCheck.problem(sent, leaky, "image/jpeg").contains("Jane Doe"));
    }

    /** SOI, then everything from the first segment that is not APP1 or APP2 (the metadata this class writes). */
    private static byte[] withoutMetadata(byte[] jpeg) {
        int at = 2;
        while ((jpeg[at + 1] & 0xFF) == 0xE1 || (jpeg[at + 1] & 0xFF) == 0xE2) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        return PhoneMetadata.concat(Arrays.copyOf(jpeg, 2), Arrays.copyOfRange(jpeg, at, jpeg.length));
    }
}
