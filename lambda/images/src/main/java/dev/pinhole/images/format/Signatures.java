package dev.pinhole.images.format;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises the image types an upload might really be, from their first bytes, so that a format refusing
 * a file can say "this is a PNG, not a WebP" (wrong_type) rather than "not an image" (not_an_image).
 * Only signatures are looked at: nothing here says the file is well formed.
 */
public final class Signatures {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] JPEG_XL_CODESTREAM = {(byte) 0xFF, 0x0A};
    private static final byte[] JPEG_XL_CONTAINER = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final byte[] TIFF_LITTLE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BIG = {'M', 'M', 0, 42};

    private Signatures() {
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
        if (Bytes.startsWith(data, 0, TIFF_LITTLE) || Bytes.startsWith(data, 0, TIFF_BIG)) {
            return Optional.of("TIFF");
        }
        if (Bytes.startsWith(data, 4, ascii("ftyp"))) {
            return isoImage(data);
        }
        return Optional.empty();
    }

    /**
     * The refusal for a file that does not start with {@code expected}'s signature: wrong_type when it is
     * another image type, not_an_image otherwise.
     */
    public static Refusal refuseAs(String expected, byte[] data) {
        return recognise(data)
                .filter(found -> !found.equals(expected))
                .map(found -> new Refusal(RefusalReason.WRONG_TYPE,
                        "the file's signature is that of " + found + ", not " + expected))
                .orElseGet(() -> new Refusal(RefusalReason.NOT_AN_IMAGE,
                        "the file does not start with the " + expected + " signature"));
    }

    /** ISO base media files (MP4, HEIF, AVIF) name what they are in the brands of their ftyp box. */
    private static Optional<String> isoImage(byte[] data) {
        long size = data.length >= 4 ? Bytes.u32be(data, 0, "ftyp size") : 0;
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
