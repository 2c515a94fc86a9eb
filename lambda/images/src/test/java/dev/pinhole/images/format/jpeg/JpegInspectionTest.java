package dev.pinhole.images.format.jpeg;

import static dev.pinhole.images.format.jpeg.JpegBytes.afterSoi;
import static dev.pinhole.images.format.jpeg.JpegBytes.concat;
import static dev.pinhole.images.format.jpeg.JpegBytes.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Formats;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The checks every upload on a .jpg/.jpeg ticket passes before anything else happens to it. */
class JpegInspectionTest {
    private final ImageFormat jpeg = new JpegFormat();

    @Test
    void bothJpegExtensions_pinTheJpegFormat() {
        assertTrue(Formats.forExtension("jpg").orElseThrow() instanceof JpegFormat);
        assertTrue(Formats.forExtension("JPEG").orElseThrow() instanceof JpegFormat);
    }

    @Test
    void baselineJpeg_isAcceptedWithTheSizeItsFrameHeaderDeclares() {
        // Given a JPEG from the JDK's encoder, When it is inspected, Then its size comes back as one frame.
        Inspection inspection = jpeg.inspect(JpegSamples.baseline(320, 200), InspectionLimits.DEFAULT);

        assertEquals(new Inspection(320, 200, 1), inspection);
    }

    @Test
    void progressiveGreyAndRestartIntervalJpegs_areAccepted() {
        assertEquals(new Inspection(257, 129, 1), jpeg.inspect(JpegSamples.progressive(257, 129), InspectionLimits.DEFAULT));
        assertEquals(new Inspection(100, 60, 1), jpeg.inspect(JpegSamples.grey(100, 60), InspectionLimits.DEFAULT));
        byte[] restarts = JpegSamples.withRestarts(200, 200, 2);
        assertTrue(containsRestartMarker(restarts), "the fixture must carry RST markers in its scan");
        assertEquals(new Inspection(200, 200, 1), jpeg.inspect(restarts, InspectionLimits.DEFAULT));
    }

    @Test
    void fillBytesBeforeAMarker_areAllowedAsTheStandardSays() {
        byte[] sample = JpegSamples.baseline(16, 16);
        byte[] filled = concat(Arrays.copyOf(sample, 2), new byte[] {(byte) 0xFF, (byte) 0xFF},
                Arrays.copyOfRange(sample, 2, sample.length));

        assertEquals(16, jpeg.inspect(filled, InspectionLimits.DEFAULT).width());
    }

    @Test
    void jpegCutOffAnywhere_isRefusedAsTruncated() {
        // Given a photo with a 5 KB metadata segment, like a phone's EXIF block, cut at several points
        byte[] photo = afterSoi(JpegSamples.baseline(300, 200), segment(0xE1, new byte[5000]));
        for (int length : new int[] {2, 3, 4, 100, 3 * 1024, photo.length / 2, photo.length - 2, photo.length - 1}) {
            byte[] cut = Arrays.copyOf(photo, length);

            assertRefused(RefusalReason.TRUNCATED, cut, "cut after " + length + " bytes");
        }
    }

    @Test
    void dataAfterTheEndOfImage_isRefusedAsTrailingData() throws IOException {
        byte[] image = JpegSamples.baseline(64, 64);
        byte[] zip = zip("payload.html", "<script>alert(1)</script>");
        byte[] html = JpegBytes.ascii("<html><script>alert(1)</script></html>");

        assertRefused(RefusalReason.TRAILING_DATA, concat(image, zip), "JPEG+ZIP");
        assertRefused(RefusalReason.TRAILING_DATA, concat(image, html), "JPEG+HTML");
        assertRefused(RefusalReason.TRAILING_DATA, concat(image, new byte[16]), "zero padding");
    }

    @Test
    void otherImageTypes_areRefusedAsTheWrongType() {
        assertRefused(RefusalReason.WRONG_TYPE, SampleImages.png(8, 8), "PNG");
        assertRefused(RefusalReason.WRONG_TYPE, JpegBytes.ascii("GIF89a\1\0\1\0\0\0\0;"), "GIF");
        assertRefused(RefusalReason.WRONG_TYPE, JpegBytes.ascii("RIFF\30\0\0\0WEBPVP8 "), "WebP");
        assertRefused(RefusalReason.WRONG_TYPE, JpegBytes.ascii("\0\0\0\30ftypavif\0\0\0\0"), "AVIF");
        assertRefused(RefusalReason.WRONG_TYPE, JpegBytes.ascii("II*\0\10\0\0\0"), "TIFF");
    }

    @Test
    void randomBytesAndEmptyFiles_areNotImages() {
        byte[] random = new byte[4096];
        new java.util.Random(42).nextBytes(random);
        random[0] = 0x42;

        assertRefused(RefusalReason.NOT_AN_IMAGE, random, "random bytes");
        assertRefused(RefusalReason.NOT_AN_IMAGE, new byte[0], "empty file");
        assertRefused(RefusalReason.NOT_AN_IMAGE, JpegBytes.ascii("<svg xmlns='http://www.w3.org/2000/svg'/>"), "SVG");
    }

    @Test
    void declaredSizeOverThePixelLimit_isRefusedFromTheFrameHeader() {
        // Given a small JPEG whose SOF is patched to 65535 x 65535 (4.3 gigapixels)
        byte[] bomb = withSize(JpegSamples.baseline(32, 32), 65535, 65535);

        assertRefused(RefusalReason.TOO_MANY_PIXELS, bomb, "65535 x 65535");
        Refusal strict = assertThrows(Refusal.class, () -> jpeg.inspect(JpegSamples.baseline(100, 100),
                new InspectionLimits(9_999, 1, 1000)));
        assertEquals(RefusalReason.TOO_MANY_PIXELS, strict.reason());
    }

    @Test
    void zeroWidthOrHeight_hasNoPixels() {
        byte[] sample = JpegSamples.baseline(32, 32);

        assertRefused(RefusalReason.NO_PIXELS, withSize(sample, 0, 32), "width 0");
        assertRefused(RefusalReason.NO_PIXELS, withSize(sample, 32, 0), "height 0, as with a DNL marker");
    }

    @Test
    void jpegVariantsBrowsersDoNotDecode_areRefusedAsUnsupported() {
        byte[] sample = JpegSamples.baseline(32, 32);
        int sof = JpegBytes.find(sample, 0xC0);
        for (int marker : new int[] {0xC3, 0xC5, 0xC9, 0xCA, 0xF7}) {
            byte[] variant = sample.clone();
            variant[sof + 1] = (byte) marker;

            assertRefused(RefusalReason.UNSUPPORTED_VARIANT, variant, String.format("SOF marker 0x%02X", marker));
        }
        byte[] twelveBit = sample.clone();
        twelveBit[sof + 4] = 12;
        assertRefused(RefusalReason.UNSUPPORTED_VARIANT, twelveBit, "12-bit samples");
    }

    @Test
    void aFloodOfSegments_isRefusedAsTooComplex() {
        byte[] comment = segment(0xFE, new byte[0]);
        byte[][] flood = new byte[InspectionLimits.DEFAULT_MAX_PARTS + 1][];
        Arrays.fill(flood, comment);

        assertRefused(RefusalReason.TOO_COMPLEX, afterSoi(JpegSamples.baseline(16, 16), flood), "100,001 comments");
        Refusal strict = assertThrows(Refusal.class, () -> jpeg.inspect(
                afterSoi(JpegSamples.baseline(16, 16), comment, comment, comment), new InspectionLimits(1000, 1, 8)));
        assertEquals(RefusalReason.TOO_COMPLEX, strict.reason());
    }

    @Test
    void thousandsOfScans_areRefusedAsTooComplex() {
        // Given a progressive JPEG whose first scan is repeated 2,000 times: each scan is well-formed
        byte[] sample = JpegSamples.progressive(64, 64);
        int sos = JpegBytes.firstScan(sample);
        byte[] scan = Arrays.copyOfRange(sample, sos, scanEnd(sample, sos));
        byte[][] scans = new byte[2000][];
        Arrays.fill(scans, scan);
        byte[] bomb = concat(Arrays.copyOf(sample, sos), concat(scans), new byte[] {(byte) 0xFF, (byte) 0xD9});

        assertRefused(RefusalReason.TOO_COMPLEX, bomb, "2,000 scans");
        byte[] fine = concat(Arrays.copyOf(sample, sos), scan, scan, new byte[] {(byte) 0xFF, (byte) 0xD9});
        assertEquals(64, jpeg.inspect(fine, InspectionLimits.DEFAULT).width());
    }

    @Test
    void brokenStructure_isRefusedAsMalformed() {
        byte[] sample = JpegSamples.baseline(32, 32);
        int sos = JpegBytes.firstScan(sample);
        int sof = JpegBytes.find(sample, 0xC0);
        int dht = JpegBytes.find(sample, 0xC4);
        int dqt = JpegBytes.find(sample, 0xDB);

        assertRefused(RefusalReason.MALFORMED, concat(Arrays.copyOf(sample, sos), new byte[] {(byte) 0xFF, (byte) 0xD9}),
                "no scan before EOI");
        assertRefused(RefusalReason.MALFORMED, afterSoi(sample, new byte[] {0x12, 0x34}), "garbage between segments");
        assertRefused(RefusalReason.MALFORMED, afterSoi(sample, new byte[] {(byte) 0xFF, (byte) 0xD8}), "second SOI");
        assertRefused(RefusalReason.MALFORMED, afterSoi(sample, segment(0xDD, new byte[3])), "DRI of 3 bytes");
        assertRefused(RefusalReason.MALFORMED, afterSoi(sample, segment(0xC4, new byte[] {0x00, 2, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 1, 2})), "Huffman table with 2 codes of length 1 (one all ones)");
        assertRefused(RefusalReason.MALFORMED, afterSoi(sample, segment(0xDB, new byte[] {0x05, 1, 2})), "DQT table 5");
        assertRefused(RefusalReason.MALFORMED, patched(sample, sos + 5, 0x7F), "scan names an unknown component");
        assertRefused(RefusalReason.MALFORMED, patched(sample, sof + 11, 0x55), "sampling factors 5x5");
        assertRefused(RefusalReason.MALFORMED, JpegBytes.withU16(sample, dht + 2, 1), "segment length 1");
        assertRefused(RefusalReason.MALFORMED, patched(sample, dqt + 4, 0x03), "frame uses an undefined table");
        byte[] scanFirst = concat(Arrays.copyOf(sample, 2), Arrays.copyOfRange(sample, sos, sample.length));
        assertRefused(RefusalReason.MALFORMED, scanFirst, "scan before the frame header");
    }

    @Test
    void segmentLongerThanTheFile_isRefusedAsTruncated() {
        byte[] sample = JpegSamples.baseline(32, 32);

        assertRefused(RefusalReason.TRUNCATED, JpegBytes.withU16(sample, JpegBytes.find(sample, 0xDB) + 2, 0xFFFF),
                "DQT length 65535");
    }

    /** A real ZIP archive: appended to a JPEG it makes the classic JPEG+ZIP polyglot that unzip opens. */
    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private void assertRefused(RefusalReason expected, byte[] image, String what) {
        Refusal refusal = assertThrows(Refusal.class, () -> jpeg.inspect(image, InspectionLimits.DEFAULT), what);
        assertEquals(expected, refusal.reason(), what + ": " + refusal.detail());
    }

    static byte[] withSize(byte[] jpeg, int width, int height) {
        int sof = JpegBytes.find(jpeg, 0xC0);
        return JpegBytes.withU16(JpegBytes.withU16(jpeg, sof + 5, height), sof + 7, width);
    }

    private static byte[] patched(byte[] jpeg, int offset, int value) {
        byte[] out = jpeg.clone();
        out[offset] = (byte) value;
        return out;
    }

    /** The end of the compressed data after the SOS at {@code sos}: the next marker that is not 0xFF00 or RSTn. */
    static int scanEnd(byte[] jpeg, int sos) {
        int at = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | jpeg[sos + 3] & 0xFF);
        while (!((jpeg[at] & 0xFF) == 0xFF && jpeg[at + 1] != 0 && (jpeg[at + 1] & 0xF8) != 0xD0)) {
            at++;
        }
        return at;
    }

    private static boolean containsRestartMarker(byte[] jpeg) {
        for (int i = JpegBytes.firstScan(jpeg); i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0) {
                return true;
            }
        }
        return false;
    }
}
