package dev.pinhole.images.format;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises the first bytes of every image type an upload might really be, so that a format refusing a
 * file can say whether it is another image (a PNG uploaded on a jpg ticket: {@link RefusalReason#WRONG_TYPE})
 * or not an image at all ({@link RefusalReason#NOT_AN_IMAGE}). Every format asks this one class, so all of
 * them name the same types the same way. Only signatures: nothing here says the file is well formed.
 */
public final class ImageSignatures {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] JPEG_XL_CODESTREAM = {(byte) 0xFF, 0x0A};
    private static final byte[] JPEG_XL_CONTAINER = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final byte[] JPEG_2000 = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final byte[] TIFF_LITTLE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BIG = {'M', 'M', 0, 42};
    private static final int BMP_HEADER_SIZE = 14;

    private ImageSignatures() {
    }

    /** The name of the image type whose signature the file starts with ("PNG", "AVIF"...), if any. */
    public static Optional<String> recognise(byte[] data) {
        if (Bytes.startsWith(data, 0, PNG)) {
            return Optional.of("PNG");
        }
        if (Bytes.startsWith(data, 0, JPEG)) {
            return Optional.of("JPEG");
        }
        if (Bytes.startsWith(data, 0, ascii("GIF87a")) || Bytes.startsWith(data, 0, ascii("GIF89a"))) {
            return Optional.of("GIF");
        }
        if (Bytes.startsWith(data, 0, ascii("RIFF")) && Bytes.startsWith(data, 8, ascii("WEBP"))) {
            return Optional.of("WebP");
        }
        if (Bytes.startsWith(data, 0, JPEG_XL_CONTAINER) || Bytes.startsWith(data, 0, JPEG_XL_CODESTREAM)) {
            return Optional.of("JPEG XL");
        }
        if (Bytes.startsWith(data, 0, JPEG_2000)) {
            return Optional.of("JPEG 2000");
        }
        if (Bytes.startsWith(data, 0, TIFF_LITTLE) || Bytes.startsWith(data, 0, TIFF_BIG)) {
            return Optional.of("TIFF");
        }
        if (isBmp(data)) {
            return Optional.of("BMP");
        }
        if (Bytes.startsWith(data, 4, ascii("ftyp"))) {
            return isoImage(data);
        }
        return Optional.empty();
    }

    /**
     * The refusal for a file that does not start with {@code expected}'s signature: wrong_type when it is
     * another image type, not_an_image otherwise. {@code expected} is a name as {@link #recognise} gives it.
     */
    public static Refusal refuseAs(String expected, byte[] data) {
        if (data.length == 0) {
            return new Refusal(RefusalReason.NOT_AN_IMAGE, "the file is empty");
        }
        return recognise(data)
                .filter(found -> !found.equals(expected))
                .map(found -> new Refusal(RefusalReason.WRONG_TYPE,
                        "the file is " + article(found) + " image, not " + article(expected)))
                .orElseGet(() -> new Refusal(RefusalReason.NOT_AN_IMAGE,
                        "the file does not start with the " + expected + " signature or any other image signature"));
    }

    /** ISO base media files (MP4, HEIF, AVIF) name what they are in the brands of their ftyp box. */
    private static Optional<String> isoImage(byte[] data) {
        long size = Bytes.u32be(data, 0, "ftyp size");
        long end = Math.min(size, data.length);
        String found = null;
        for (long at = 8; at + 4 <= end; at += 4) {
            if (at == 12) {
                continue; // minor_version, not a brand
            }
            String brand = Bytes.fourCc(data, at, "brand");
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of("AVIF");
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                found = "HEIF";
            }
        }
        return Optional.ofNullable(found);
    }

    /** "BM" alone is too common a start for text; the header's two reserved 16-bit fields must be zero too. */
    private static boolean isBmp(byte[] data) {
        return Bytes.startsWith(data, 0, ascii("BM")) && data.length >= BMP_HEADER_SIZE
                && data[6] == 0 && data[7] == 0 && data[8] == 0 && data[9] == 0;
    }

    private static String article(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
