package dev.pinhole.images.format.jpeg;

import static dev.pinhole.images.format.jpeg.ExifBytes.ASCII;
import static dev.pinhole.images.format.jpeg.ExifBytes.SHORT;
import static dev.pinhole.images.format.jpeg.ExifBytes.entry;
import static dev.pinhole.images.format.jpeg.JpegBytes.afterSoi;
import static dev.pinhole.images.format.jpeg.JpegBytes.ascii;
import static dev.pinhole.images.format.jpeg.JpegBytes.concat;
import static dev.pinhole.images.format.jpeg.JpegBytes.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Segment by segment: what the cleaner keeps, rewrites and drops, checked on the bytes it writes. */
class JpegCleaningTest {
    private final ImageFormat jpeg = new JpegFormat();
    /** The JDK writes SOI, a JFIF APP0 without thumbnail, tables, SOF, SOS: nothing to remove. */
    private final byte[] sample = JpegSamples.baseline(40, 30);

    @Test
    void imageWithNothingToRemove_comesBackAsTheSameArray() {
        Cleaning cleaning = jpeg.clean(sample, MetadataPolicy.PRIVACY_DEFAULT);

        assertSame(sample, cleaning.bytes());
        assertEquals(Set.of(), cleaning.removed());
    }

    @Test
    void commentsAnywhere_areRemovedAsText() {
        byte[] comment = segment(0xFE, ascii("shot at 12 Elm Street"));
        byte[] progressive = JpegSamples.progressive(40, 30);
        int secondScan = secondScan(progressive);
        byte[] betweenScans = concat(Arrays.copyOf(progressive, secondScan), comment,
                Arrays.copyOfRange(progressive, secondScan, progressive.length));

        assertCleanedTo(sample, afterSoi(sample, comment), Set.of(MetadataKind.TEXT));
        assertCleanedTo(progressive, betweenScans, Set.of(MetadataKind.TEXT));
    }

    @Test
    void jfifThumbnail_isRewrittenToNoThumbnailAndJfxxDropped() {
        int app0 = JpegBytes.find(sample, 0xE0);
        byte[] jfif = Arrays.copyOfRange(sample, app0 + 4, app0 + 18);
        jfif[12] = 2;
        jfif[13] = 1;
        byte[] withThumbnail = concat(Arrays.copyOf(sample, app0),
                segment(0xE0, concat(jfif, new byte[] {1, 2, 3, 4, 5, 6})), Arrays.copyOfRange(sample, app0 + 18, sample.length));
        byte[] jfxx = segment(0xE0, "JFXX\0", new byte[] {0x10, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});

        assertCleanedTo(sample, withThumbnail, Set.of(MetadataKind.THUMBNAIL));
        assertCleanedTo(sample, JpegBytes.beforeFirstScan(sample, jfxx), Set.of(MetadataKind.THUMBNAIL));
    }

    @Test
    void adobeSegmentAndIccChunks_decodingNeedsThemSoTheyStayInOrder() {
        byte[] adobe = segment(0xEE, "Adobe", new byte[] {0, 100, 0, 0, 0, 0, 1});
        byte[] icc1 = segment(0xE2, "ICC_PROFILE\0", concat(new byte[] {1, 2}, ascii("first half of a profile")));
        byte[] icc2 = segment(0xE2, "ICC_PROFILE\0", concat(new byte[] {2, 2}, ascii("second half")));
        byte[] image = afterSoi(sample, icc1, icc2, adobe);

        assertSame(image, jpeg.clean(image, MetadataPolicy.PRIVACY_DEFAULT).bytes());
        byte[] longAdobe = segment(0xEE, "Adobe", new byte[] {0, 100, 0, 0, 0, 0, 1, 'h', 'i', 'd', 'e'});
        assertCleanedTo(afterSoi(sample, adobe), afterSoi(sample, longAdobe), Set.of(MetadataKind.OTHER));
    }

    @Test
    void otherApplicationSegments_areRemoved() {
        byte[] image = afterSoi(sample, segment(0xE2, "MPF\0", new byte[8]), segment(0xE2, "FPXR\0", new byte[20]),
                segment(0xE3, new byte[30]), segment(0xEB, "JP", new byte[40]), segment(0xEC, "Ducky", new byte[9]),
                segment(0xEE, "NotAdobe", new byte[9]), segment(0xEF, new byte[3]), segment(0xE1, "QVCI\0", new byte[9]));

        assertCleanedTo(sample, image, Set.of(MetadataKind.OTHER));
    }

    @Test
    void exifWithCameraAndOrientation_becomesOrientationAloneInTheSameByteOrder() {
        byte[] make = ascii("Pinhole Phone\0");
        ExifBytes exif = new ExifBytes(true, 128).directory(8, 0,
                entry(0x010F, ASCII, make.length, 80), entry(0x0112, SHORT, 1, 8), entry(0x0132, ASCII, 20, 100))
                .bytes(80, make).bytes(100, ascii("2024:01:02 03:04:05\0"));
        byte[] expected = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
                1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};

        Cleaning cleaning = jpeg.clean(afterSoi(sample, exif.segment()), MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(afterSoi(sample, segment(0xE1, expected)), cleaning.bytes());
        assertEquals(Set.of(MetadataKind.CAMERA, MetadataKind.DATES), cleaning.removed());
    }

    @Test
    void copyright_isKeptOnlyWhenTheDeploymentKeepsIt() {
        byte[] notice = ascii("(c) Ada Lovelace\0");
        ExifBytes exif = new ExifBytes(false, 128).directory(8, 0, entry(0x013B, ASCII, 4, 0x41646100),
                entry(0x8298, ASCII, notice.length, 60)).bytes(60, notice);
        byte[] image = afterSoi(sample, exif.segment());
        byte[] expected = concat(new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
                0, 1, (byte) 0x82, (byte) 0x98, 0, 2, 0, 0, 0, (byte) notice.length, 0, 0, 0, 26, 0, 0, 0, 0}, notice);

        Cleaning kept = jpeg.clean(image, new MetadataPolicy(true));
        Cleaning removed = jpeg.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(afterSoi(sample, segment(0xE1, expected)), kept.bytes());
        assertEquals(Set.of(MetadataKind.PEOPLE), kept.removed(), "the artist went");
        assertArrayEquals(sample, removed.bytes());
        assertSame(kept.bytes(), jpeg.clean(kept.bytes(), new MetadataPolicy(true)).bytes());
    }

    @Test
    void secondExifSegment_isRemovedEvenWhenMinimal() {
        byte[] minimal = new ExifBytes(false, 64).directory(8, 0, entry(0x0112, SHORT, 1, 6)).segment();
        byte[] image = afterSoi(sample, minimal);

        assertCleanedTo(image, afterSoi(image, minimal), Set.of(MetadataKind.OTHER));
    }

    @Test
    void xmpAndPhotoshopSegments_areRemovedAndSayWhatTheyHeld() {
        byte[] xmp = PhoneTrailers.xmp("<rdf:Description exif:GPSLatitude='48,51N' tiff:Model='X'/>");
        byte[] iptc = concat(ascii("8BIM"), new byte[] {4, 4, 0, 0, 0, 0, 0, 17},
                new byte[] {0x1C, 2, 80, 0, 3}, ascii("Ada"), new byte[] {0x1C, 2, 90, 0, 4}, ascii("Oslo"));
        byte[] photoshop = segment(0xED, "Photoshop 3.0\0", iptc);

        Cleaning cleaning = jpeg.clean(afterSoi(sample, xmp, photoshop), MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(sample, cleaning.bytes());
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.PEOPLE), cleaning.removed());
    }

    @Test
    void restartMarkersAndFillBytes_inTheScansStayByteForByte() {
        byte[] restarts = JpegSamples.withRestarts(96, 64, 1);
        byte[] image = afterSoi(restarts, segment(0xFE, ascii("comment")));

        Cleaning cleaning = jpeg.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(restarts, cleaning.bytes());
        jpeg.inspect(cleaning.bytes(), InspectionLimits.DEFAULT);
    }

    private void assertCleanedTo(byte[] expected, byte[] image, Set<MetadataKind> removed) {
        jpeg.inspect(image, InspectionLimits.DEFAULT);
        Cleaning cleaning = jpeg.clean(image, MetadataPolicy.PRIVACY_DEFAULT);
        assertArrayEquals(expected, cleaning.bytes());
        assertEquals(removed, cleaning.removed());
        assertTrue(cleaning.changed());
    }

    private static int secondScan(byte[] progressive) {
        int first = JpegBytes.firstScan(progressive);
        int at = JpegInspectionTest.scanEnd(progressive, first);
        while ((progressive[at + 1] & 0xFF) != 0xDA) {
            at += 2 + ((progressive[at + 2] & 0xFF) << 8 | progressive[at + 3] & 0xFF);
        }
        return at;
    }
}
