package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ErrorCode;
import dev.pinhole.images.format.RefusalReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page has words for every code the server can send it. The codes are read from the Java catalogues
 * themselves (core's ErrorCode, the publisher's RefusalReason), so adding a code there without words in
 * web/js/errors.js fails here, not in front of someone whose upload just failed.
 */
class ErrorWordingTest extends PageTestBase {
    private static final String WORDLESS = "async ([module, codes]) => {"
            + "const errors = await import('/js/errors.js');"
            + "const words = module === 'api' ? (code) => errors.apiWords(code, null) : errors.refusalWords;"
            + "return codes.filter((code) => typeof words(code) !== 'string' || words(code).trim() === ''); }";
    private static final String WORDS = "async ([module, codes]) => {"
            + "const errors = await import('/js/errors.js');"
            + "const words = module === 'api' ? (code) => errors.apiWords(code, null) : errors.refusalWords;"
            + "return Object.fromEntries(codes.map((code) => [code, words(code)])); }";

    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void openThePage() {
        uploader.open();
    }

    @Test
    void everyCodeOfTheApiCatalogue_hasWordsOnThePage() {
        // Given every code the API and the local stack can answer with
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();

        // When the page is asked for its words for each, without the server's message to fall back on
        Object wordless = page.evaluate(WORDLESS, List.of("api", codes));

        // Then none is missing
        assertEquals(List.of(), wordless, "codes of ErrorCode without words in web/js/errors.js");
    }

    @Test
    void everyRefusalReasonOfThePublisher_hasWordsOnThePage() {
        // Given every reason the publisher can refuse an uploaded image for
        List<String> codes = Arrays.stream(RefusalReason.values()).map(RefusalReason::code).toList();

        // When the page is asked for its words for each
        Object wordless = page.evaluate(WORDLESS, List.of("refusal", codes));

        // Then none is missing
        assertEquals(List.of(), wordless, "codes of RefusalReason without words in web/js/errors.js");
    }

    @Test
    void wordsAreSentencesForPeople_notCodes() {
        // Given the words for every code of both catalogues
        List<String> api = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
        List<String> refusals = Arrays.stream(RefusalReason.values()).map(RefusalReason::code).toList();
        @SuppressWarnings("unchecked")
        Map<String, String> apiWords = (Map<String, String>) page.evaluate(WORDS, List.of("api", api));
        @SuppressWarnings("unchecked")
        Map<String, String> refusalWords = (Map<String, String>) page.evaluate(WORDS, List.of("refusal", refusals));

        // Then each is a sentence (a capital, a full stop) that does not just repeat its code
        for (Map<String, String> words : List.of(apiWords, refusalWords)) {
            words.forEach((code, text) -> {
                assertTrue(text != null && text.matches("\\p{Lu}.*[.!?]"), code + ": " + text);
                assertTrue(!text.contains(code), code + " appears in its own words: " + text);
            });
        }
    }

    @Test
    void aCodeNoCatalogueHas_hasNoWords_soTheChecksAboveCanFail() {
        // Given codes neither catalogue has (including names every JavaScript object inherits)
        for (String code : List.of("no_such_code", "constructor", "toString", "__proto__")) {
            // When the page is asked for words / Then it has none of its own
            assertNull(page.evaluate("async (code) => (await import('/js/errors.js')).apiWords(code, null)", code),
                    code);
            assertNull(page.evaluate("async (code) => (await import('/js/errors.js')).refusalWords(code)", code),
                    code);
        }
    }

    @Test
    void limitsTheServerNames_areShownInItsOwnWords() {
        // Given a refusal whose message names the limit that was hit
        Object words = page.evaluate("async () => (await import('/js/errors.js'))"
                + ".apiWords('too_large', 'The file is larger than the limit of 20 MiB (20971520 bytes).')");

        // Then the page passes the server's message on rather than a vaguer sentence of its own
        assertEquals("The file is larger than the limit of 20 MiB (20971520 bytes).", words);
    }
}
