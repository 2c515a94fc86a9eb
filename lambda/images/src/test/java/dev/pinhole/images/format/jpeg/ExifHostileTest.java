package dev.pinhole.images.format.jpeg;

import static dev.pinhole.images.format.jpeg.ExifBytes.LONG;
import static dev.pinhole.images.format.jpeg.ExifBytes.SHORT;
import static dev.pinhole.images.format.jpeg.ExifBytes.ASCII;
import static dev.pinhole.images.format.jpeg.ExifBytes.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * EXIF blocks built to trap a reader: loops, offsets out of range, absurd counts. Each is cleaned to a
 * minimal block or removed, never an exception or a hang, and the result is a JPEG that inspects again.
 */
class ExifHostileTest {
    private static final int ORIENTATION = 0x0112;
    private static final int MAKE = 0x010F;
    private static final int COPYRIGHT = 0x8298;
    private static final int EXIF_IFD = 0x8769;
    private static final int GPS_IFD = 0x8825;
    /** What the cleaner must write for Orientation 6 in Motorola order, spelled out byte by byte. */
    private static final byte[] ORIENTATION_6_MM = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};

    private final ImageFormat jpeg = new JpegFormat();
    private final byte[] sample = JpegSamples.baseline(48, 32);

    @Test
    void ifdChainThatLoopsBackToItself_keepsOrientationAndEnds() {
        ExifBytes exif = new ExifBytes(false, 64).directory(8, 8, entry(ORIENTATION, SHORT, 1, 6), entry(MAKE, ASCII, 4, 0x41424300));

        Cleaning cleaning = cleanWith(exif);

        assertArrayEquals(ORIENTATION_6_MM, ExifBytes.exifPayload(cleaning.bytes()));
        assertTrue(cleaning.removed().contains(MetadataKind.CAMERA));
    }

    @Test
    void subDirectoriesPointingAtEachOther_areWalkedOnceAndRemoved() {
        // IFD0 -> Exif IFD at 40 -> (its "GPS" entry) back to IFD0; IFD0's GPS pointer -> the Exif IFD
        ExifBytes exif = new ExifBytes(false, 128)
                .directory(8, 40, entry(ORIENTATION, SHORT, 1, 6), entry(EXIF_IFD, LONG, 1, 40), entry(GPS_IFD, LONG, 1, 40))
                .directory(40, 8, entry(EXIF_IFD, LONG, 1, 8), entry(0x927C, 7, 4, 0));

        Cleaning cleaning = cleanWith(exif);

        assertArrayEquals(ORIENTATION_6_MM, ExifBytes.exifPayload(cleaning.bytes()));
        assertTrue(cleaning.removed().contains(MetadataKind.LOCATION), cleaning.removed().toString());
    }

    @Test
    void offsetsOutOfRange_countAsRemovedAndLeaveNothingBehind() {
        ExifBytes exif = new ExifBytes(false, 64).directory(8, 0x7FFFFFF0L,
                entry(ORIENTATION, SHORT, 1, 3), entry(GPS_IFD, LONG, 1, 0x7FFFFFFF), entry(EXIF_IFD, LONG, 1, -4),
                entry(MAKE, ASCII, 400, 0x7FFFFFFF));

        Cleaning cleaning = cleanWith(exif);

        byte[] expected = ORIENTATION_6_MM.clone();
        expected[25] = 3;
        assertArrayEquals(expected, ExifBytes.exifPayload(cleaning.bytes()));
        assertTrue(cleaning.removed().contains(MetadataKind.LOCATION));
    }

    @Test
    void directoryClaiming65535Entries_removesTheWholeBlock() {
        ExifBytes exif = new ExifBytes(true, 64).directory(8, 0, entry(ORIENTATION, SHORT, 1, 6)).claimedCount(8, 65535);

        Cleaning cleaning = cleanWith(exif);

        assertNull(ExifBytes.exifPayload(cleaning.bytes()), "an unreadable block cannot keep an orientation");
        assertArrayEquals(sample, cleaning.bytes());
    }

    @Test
    void firstDirectoryOutsideTheSegmentOrABrokenHeader_removesTheWholeBlock() {
        assertArrayEquals(sample, cleanWith(new ExifBytes(false, 32).ifd0At(0xFFFFFFF0L)).bytes());
        byte[] badMagic = JpegBytes.segment(0xE1, "Exif\0\0", new byte[] {'M', 'M', 0, 43, 0, 0, 0, 8});
        assertArrayEquals(sample, clean(JpegBytes.afterSoi(sample, badMagic)).bytes());
        byte[] onlyIdentifier = JpegBytes.segment(0xE1, "Exif\0\0", new byte[0]);
        assertArrayEquals(sample, clean(JpegBytes.afterSoi(sample, onlyIdentifier)).bytes());
    }

    @Test
    void orientationThatBrowsersWouldNotUse_isNotKept() {
        for (int[] orientation : new int[][] {entry(ORIENTATION, SHORT, 1, 1), entry(ORIENTATION, SHORT, 1, 9),
                entry(ORIENTATION, LONG, 1, 6), entry(ORIENTATION, SHORT, 2, 6)}) {
            Cleaning cleaning = cleanWith(new ExifBytes(false, 64).directory(8, 0, orientation));

            assertArrayEquals(sample, cleaning.bytes(), Arrays.toString(orientation));
            assertEquals(java.util.Set.of(MetadataKind.OTHER), cleaning.removed());
        }
    }

    @Test
    void copyrightWithAnAbsurdCount_isNotKeptEvenWhenCopyrightIs() {
        ExifBytes exif = new ExifBytes(false, 64).directory(8, 0, entry(COPYRIGHT, ASCII, -1, 26));

        Cleaning cleaning = jpeg.clean(JpegBytes.afterSoi(sample, exif.segment()), new MetadataPolicy(true));

        assertArrayEquals(sample, cleaning.bytes());
    }

    @Test
    void xmpPacketOf60KbSplitOverTwoSegments_isRemovedWhole() {
        // Given a 60 KB packet cut in two, the second half in an APP1 without any identifier
        String packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>Ada</dc:creator>" + "x".repeat(60_000)
                + "<exif:GPSLatitude>48,51.5N</exif:GPSLatitude></x:xmpmeta>";
        byte[] all = JpegBytes.ascii(packet);
        byte[] first = JpegBytes.segment(0xE1, "http://ns.adobe.com/xap/1.0/\0", Arrays.copyOf(all, 40_000));
        byte[] second = JpegBytes.segment(0xE1, Arrays.copyOfRange(all, 40_000, all.length));

        Cleaning cleaning = clean(JpegBytes.afterSoi(sample, first, second));

        assertArrayEquals(sample, cleaning.bytes());
        assertTrue(cleaning.removed().contains(MetadataKind.PEOPLE));
    }

    @Test
    void minimalBlockTheCleanerWrote_isLeftAloneTheSecondTime() {
        byte[] once = cleanWith(new ExifBytes(false, 64).directory(8, 8, entry(ORIENTATION, SHORT, 1, 6))).bytes();

        Cleaning twice = jpeg.clean(once, MetadataPolicy.PRIVACY_DEFAULT);

        assertSame(once, twice.bytes());
    }

    private Cleaning cleanWith(ExifBytes exif) {
        return clean(JpegBytes.afterSoi(sample, exif.segment()));
    }

    private Cleaning clean(byte[] image) {
        jpeg.inspect(image, InspectionLimits.DEFAULT);
        Cleaning cleaning = jpeg.clean(image, MetadataPolicy.PRIVACY_DEFAULT);
        jpeg.inspect(cleaning.bytes(), InspectionLimits.DEFAULT);
        return cleaning;
    }
}
