package dev.pinhole.images.format.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

/**
 * What every cleaned JPEG must look like, checked apart from the cleaner's own rules: the only
 * application segments before the first scan are JFIF, Exif, ICC profile chunks and Adobe, there is no
 * comment, and the file ends with EOI.
 */
final class CleanedJpegOracle {
    private CleanedJpegOracle() {
    }

    static void check(byte[] jpeg) {
        assertEquals(0xFF, jpeg[jpeg.length - 2] & 0xFF, "a cleaned file ends with EOI");
        assertEquals(0xD9, jpeg[jpeg.length - 1] & 0xFF, "a cleaned file ends with EOI");
        for (int[] marker : JpegBytes.headerMarkers(jpeg)) {
            int code = marker[0];
            int at = marker[1];
            assertTrue(code != 0xFE, "a comment is left at byte " + at);
            if (code >= 0xE0 && code <= 0xEF) {
                String identifier = new String(jpeg, at + 4, Math.min(12, jpeg.length - at - 4), StandardCharsets.ISO_8859_1);
                boolean allowed = code == 0xE0 && identifier.startsWith("JFIF\0")
                        || code == 0xE1 && identifier.startsWith("Exif\0\0")
                        || code == 0xE2 && identifier.startsWith("ICC_PROFILE\0")
                        || code == 0xEE && identifier.startsWith("Adobe");
                assertTrue(allowed, String.format("APP%d '%s' is left at byte %d", code - 0xE0, identifier, at));
            }
        }
    }
}
