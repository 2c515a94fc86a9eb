package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first bytes of a file tell which image type it is, so a wrong ticket is refused as wrong_type. */
class ImageSignaturesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'\\x89PNG\\r\\n\\x1a\\n', png",
        "'\\xff\\xd8\\xff\\xe0', jpg",
        "GIF87a, gif",
        "GIF89a, gif",
        "'RIFF\\0\\0\\0\\0WEBPVP8 ', webp",
        "'\\0\\0\\0\\x1cftypavif', avif",
        "'\\0\\0\\0\\x18ftypheic', heic",
        "'<html>', ''",
        "'GIF88a', ''",
        "'RIFF\\0\\0\\0\\0WAVE', ''"})
    void sniff_recognisesEachImageSignature(String escaped, String expected) {
        Optional<String> type = ImageSignatures.sniff(unescape(escaped));

        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), type);
    }

    @ParameterizedTest(name = "{0} on a {1} ticket -> {2}")
    @CsvSource({"GIF89a, png, WRONG_TYPE", "'<html>', png, NOT_AN_IMAGE", "'\\xff\\xd8\\xff', gif, WRONG_TYPE"})
    void notA_namesAnotherImageTypeAsWrongTypeAndAnythingElseAsNotAnImage(String escaped, String ticket,
            RefusalReason reason) {
        assertEquals(reason, ImageSignatures.notA(ticket, unescape(escaped)).reason());
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
