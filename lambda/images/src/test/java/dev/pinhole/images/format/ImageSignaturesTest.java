package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinhole.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first bytes of a file tell which image type it is, so a wrong ticket is refused as wrong_type. */
class ImageSignaturesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'\\x89PNG\\r\\n\\x1a\\n', PNG",
        "'\\xff\\xd8\\xff\\xe0', JPEG",
        "GIF87a, GIF",
        "GIF89a, GIF",
        "'RIFF\\0\\0\\0\\0WEBPVP8 ', WebP",
        "'\\0\\0\\0\\x1cftypavif', AVIF",
        "'\\0\\0\\0\\x18ftypheic', HEIF",
        "'\\xff\\x0a', JPEG XL",
        "'\\0\\0\\0\\x0cJXL \\r\\n\\x87\\n', JPEG XL",
        "'\\0\\0\\0\\x0cjP  \\r\\n\\x87\\n', JPEG 2000",
        "'II*\\0\\x08\\0\\0\\0', TIFF",
        "'MM\\0*\\0\\0\\0\\x08', TIFF",
        "'BM\\x46\\0\\0\\0\\0\\0\\0\\0\\x36\\0\\0\\0', BMP",
        "'<html>', ''",
        "'BM is not a bitmap', ''",
        "'GIF88a', ''",
        "'RIFF\\0\\0\\0\\0WAVE', ''"})
    void recognise_namesEachImageTypeFromItsFirstBytes(String escaped, String expected) {
        Optional<String> type = ImageSignatures.recognise(unescape(escaped));

        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), type);
    }

    @Test
    void recognise_namesRealSampleImages() {
        assertEquals(Optional.of("PNG"), ImageSignatures.recognise(SampleImages.png(4, 4)));
        assertEquals(Optional.of("JPEG"), ImageSignatures.recognise(SampleImages.jpeg(4, 4)));
        assertEquals(Optional.of("WebP"), ImageSignatures.recognise(SampleImages.webp()));
        assertEquals(Optional.of("AVIF"), ImageSignatures.recognise(SampleImages.avif()));
        assertEquals(Optional.of("AVIF"), ImageSignatures.recognise(SampleImages.avifAnimated()));
    }

    @Test
    void recognise_readsTheCompatibleBrandsOfAnIsoMediaFile() {
        assertEquals(Optional.of("HEIF"), ImageSignatures.recognise(ftyp("heic", "mif1", "heic")));
        assertEquals(Optional.of("AVIF"), ImageSignatures.recognise(ftyp("mif1", "miaf", "avif")));
        assertEquals(Optional.empty(), ImageSignatures.recognise(ftyp("isom", "isom", "mp41")));
        assertEquals(Optional.empty(), ImageSignatures.recognise(new byte[0]));
    }

    @ParameterizedTest(name = "{0} on a {1} ticket -> {2}")
    @CsvSource({"GIF89a, PNG, WRONG_TYPE", "'<html>', PNG, NOT_AN_IMAGE", "'\\xff\\xd8\\xff', GIF, WRONG_TYPE",
        "'', JPEG, NOT_AN_IMAGE", "'\\x89PNG\\r\\n\\x1a\\n', PNG, NOT_AN_IMAGE"})
    void refuseAs_namesAnotherImageTypeAsWrongTypeAndAnythingElseAsNotAnImage(String escaped, String ticket,
            RefusalReason reason) {
        assertEquals(reason, ImageSignatures.refuseAs(ticket, unescape(escaped)).reason());
    }

    @Test
    void refuseAs_saysWhatTheFileIsAndWhatTheTicketExpected() {
        Refusal png = ImageSignatures.refuseAs("WebP", SampleImages.png(4, 4));
        Refusal avif = ImageSignatures.refuseAs("JPEG", SampleImages.avif());

        assertEquals("the file is a PNG image, not a WebP", png.detail());
        assertEquals("the file is an AVIF image, not a JPEG", avif.detail());
    }

    private static byte[] ftyp(String major, String... compatible) {
        StringBuilder brands = new StringBuilder(major).append("\0\0\0\0");
        for (String brand : compatible) {
            brands.append(brand);
        }
        byte[] body = brands.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] box = new byte[8 + body.length];
        box[3] = (byte) box.length;
        System.arraycopy("ftyp".getBytes(StandardCharsets.ISO_8859_1), 0, box, 4, 4);
        System.arraycopy(body, 0, box, 8, body.length);
        return box;
    }

    /** Test notation: \xNN, \0, \r, \n; every other char is its own byte. */
    private static byte[] unescape(String text) {
        String decoded = text.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < decoded.length(); k++) {
            if (decoded.startsWith("\\x", k)) {
                out.append((char) Integer.parseInt(decoded.substring(k + 2, k + 4), 16));
                k += 3;
            } else {
                out.append(decoded.charAt(k));
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
