package dev.pinhole.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorJsonTest {

    @ParameterizedTest(name = "message {index} survives the trip")
    @ValueSource(strings = {
        "He said \"no\".",
        "C:\\uploads\\cat.png",
        "line one\nline two\r\nline three\ttabbed",
        "a line separator \u2028 and a paragraph separator \u2029 in the middle",
        "control \u0000 \u0001 \u001f and DEL \u007f",
        "</script><script>alert(1)</script> & 'quotes'",
        "an emoji \uD83D\uDCF7 is a surrogate pair",
        "\"}},\"error\":{\"code\":\"injected\"",
    })
    void message_withCharactersJsonMustEscape_isWrittenAsValidJsonThatReadsBackTheSame(String message) {
        // Given a message with text that would break a JSON string written by concatenation

        // When the error body is written
        String json = ErrorJson.of(ErrorCode.NOT_FOUND, message);

        // Then a strict parser reads exactly one object back, with the same code and the same message
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonObject body = JsonParser.parseReader(reader).getAsJsonObject();
        assertEquals(1, body.size(), json);
        JsonObject error = body.getAsJsonObject("error");
        assertEquals(2, error.size(), json);
        assertEquals("not_found", error.get("code").getAsString());
        assertEquals(message, error.get("message").getAsString());
    }

    @Test
    void lineAndParagraphSeparators_areEscaped_soTheBodyIsAlsoSafeInsideJavaScriptSource() {
        // Given a message carrying U+2028 and U+2029, which older JavaScript treats as line breaks
        String message = "one\u2028two\u2029three";

        // When the error body is written
        String json = ErrorJson.of(ErrorCode.INVALID_JSON, message);

        // Then neither appears raw: both are \\u escapes, as are control characters
        assertFalse(json.contains("\u2028") || json.contains("\u2029"), json);
        assertTrue(json.contains("\\u2028") && json.contains("\\u2029"), json);
    }

    @Test
    void unpairedSurrogate_isReplaced_soTheBodyEncodesToUtf8() {
        // Given a message echoing a client's text with a lone surrogate (a JSON escape can spell one)
        String message = "Unknown field 'a\uD800b'.";

        // When the error body is written
        String json = ErrorJson.of(ErrorCode.UNKNOWN_FIELD, message);

        // Then a strict parser accepts it, and the lone half became U+FFFD instead of an unencodable char
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonObject error = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("error");
        assertEquals("Unknown field 'a\uFFFDb'.", error.get("message").getAsString());
    }

    @Test
    void body_hasExactlyTheApiErrorShape() {
        // Given an entry of the catalogue and a plain message
        // When it is written / Then the text is the documented shape, byte for byte
        assertEquals("{\"error\":{\"code\":\"too_large\",\"message\":\"The file is larger than the limit.\"}}",
                ErrorJson.of(ErrorCode.TOO_LARGE, "The file is larger than the limit."));
    }

    @Test
    void apiException_writesItsOwnCodeAndMessage_andTakesItsStatusFromTheCatalogue() {
        // Given a refusal made from a catalogue entry
        ApiException refused = new ApiException(ErrorCode.UNSUPPORTED_EXTENSION, "No \"svg\" here.");

        // Then its status is the catalogue's, and its body is the shared writer's
        assertEquals(415, refused.status());
        assertEquals("unsupported_extension", refused.code());
        assertEquals(ErrorJson.of(ErrorCode.UNSUPPORTED_EXTENSION, "No \"svg\" here."), refused.json());
    }
}
