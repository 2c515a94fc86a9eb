package dev.pinhole.images.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the first bytes of every image type Pinhole knows, so that a format refusing a file can say
 * whether it is another image (a PNG uploaded on a jpg ticket: {@link RefusalReason#WRONG_TYPE}) or not an
 * image at all ({@link RefusalReason#NOT_AN_IMAGE}). Only signatures: the file is not checked any further.
 */
public final class ImageSignatures {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] FTYP = ascii("ftyp");

    private ImageSignatures() {
    }

    /** The extension of the image type whose signature {@code data} starts with, if any. */
    public static Optional<String> sniff(byte[] data) {
        if (Bytes.startsWith(data, 0, PNG)) {
            return Optional.of("png");
        }
        if (Bytes.startsWith(data, 0, JPEG)) {
            return Optional.of("jpg");
        }
        if (Bytes.startsWith(data, 0, GIF87) || Bytes.startsWith(data, 0, GIF89)) {
            return Optional.of("gif");
        }
        if (Bytes.startsWith(data, 0, RIFF) && Bytes.startsWith(data, 8, WEBP)) {
            return Optional.of("webp");
        }
        if (Bytes.startsWith(data, 4, FTYP)) {
            // ISOBMFF: the major brand says which still-image type (AVIF, HEIC) the box file holds.
            String brand = data.length >= 12 ? new String(data, 8, 4, StandardCharsets.ISO_8859_1) : "";
            return Optional.of(brand.startsWith("avi") ? "avif" : brand.startsWith("hei") || brand.startsWith("mif")
                    ? "heic" : "isobmff");
        }
        return Optional.empty();
    }

    /** The refusal for a file that lacks {@code expected}'s signature: another known type, or not an image. */
    public static Refusal notA(String expected, byte[] data) {
        return sniff(data)
                .map(other -> new Refusal(RefusalReason.WRONG_TYPE,
                        "the file is " + article(other) + " image, not " + article(expected)))
                .orElseGet(() -> new Refusal(RefusalReason.NOT_AN_IMAGE,
                        "the file does not start with the " + expected.toUpperCase(Locale.ROOT)
                                + " signature or any other image signature"));
    }

    private static String article(String extension) {
        String name = extension.toUpperCase(Locale.ROOT);
        return ("aeiou".indexOf(Character.toLowerCase(name.charAt(0))) >= 0 ? "an " : "a ") + name;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
