package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of the file: a JPEG starts with SOI. Anything else is either another
 * image type (refused as the wrong type, so the uploader learns to fix the name) or not an image at all.
 */
final class Signature {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JXL_CODESTREAM = {(byte) 0xFF, 0x0A};
    private static final byte[] JXL_CONTAINER = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final byte[] JP2 = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final byte[] TIFF_II = {'I', 'I', 42, 0};
    private static final byte[] TIFF_MM = {'M', 'M', 0, 42};
    private static final String[] HEIF_BRANDS = {"avif", "avis", "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"};

    private Signature() {
    }

    /** Returns when the file starts with SOI; the reader takes it from there (a file of just SOI is truncated). */
    static void requireJpeg(byte[] image) {
        if (image.length >= 2 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == Markers.SOI) {
            return;
        }
        String other = otherImageType(image);
        if (other != null) {
            throw new Refusal(RefusalReason.WRONG_TYPE, "the file is " + other + ", not a JPEG");
        }
        throw new Refusal(RefusalReason.NOT_AN_IMAGE, image.length == 0 ? "the file is empty"
                : "the file does not start with a JPEG start-of-image marker or any other image signature");
    }

    /** The image type the bytes announce, in words, or null when they announce none Pinhole knows. */
    static String otherImageType(byte[] b) {
        if (Bytes.startsWith(b, 0, PNG)) {
            return "a PNG image";
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return "a GIF image";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return "a WebP image";
        }
        if (ascii(b, 4, "ftyp")) {
            for (String brand : HEIF_BRANDS) {
                if (ascii(b, 8, brand)) {
                    return brand.startsWith("avi") ? "an AVIF image" : "a HEIF/HEIC image";
                }
            }
        }
        if (Bytes.startsWith(b, 0, JXL_CODESTREAM) || Bytes.startsWith(b, 0, JXL_CONTAINER)) {
            return "a JPEG XL image";
        }
        if (Bytes.startsWith(b, 0, JP2)) {
            return "a JPEG 2000 image";
        }
        if (Bytes.startsWith(b, 0, TIFF_II) || Bytes.startsWith(b, 0, TIFF_MM)) {
            return "a TIFF image";
        }
        if (ascii(b, 0, "BM") && b.length >= 14 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0) {
            return "a BMP image";
        }
        return null;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        return Bytes.startsWith(b, offset, text.getBytes(StandardCharsets.US_ASCII));
    }
}
