package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import dev.pinhole.core.ImageTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extension is the only thing the client says about the type. It must normalise to one entry of
 * the server's table, or nothing: whatever else it contains must never reach a key or a Content-Type.
 */
class ExtensionValidationTest {

    /** Builds the body with a JSON-escaped extension, so NUL and other control characters can be sent. */
    private static String request(String extensionJsonLiteral) {
        return "{\"extension\":" + extensionJsonLiteral + ",\"size\":100}";
    }

    @ParameterizedTest(name = "extension {0} is stored as .{1} with Content-Type {2}")
    @CsvSource({
            "'\"png\"', png, image/png",
            "'\"PNG\"', png, image/png",
            "'\".png\"', png, image/png",
            "'\".Png\"', png, image/png",
            "'\"jpg\"', jpg, image/jpeg",
            "'\"jpeg\"', jpeg, image/jpeg",
            "'\"JPEG\"', jpeg, image/jpeg",
            "'\"gif\"', gif, image/gif",
            "'\"webp\"', webp, image/webp",
            "'\"avif\"', avif, image/avif"})
    void ticketRequest_normalisesExtensionAndTakesTypeFromServerTable(String literal, String extension, String type) {
        // Given an allowed extension in any case, with or without one leading dot
        String body = request(literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the key ends in the normalised extension and the signed type comes from the server's table
        assertEquals(201, response.getStatusCode(), response::getBody);
        JsonObject ticket = json(response);
        assertTrue(ticket.get("key").getAsString().endsWith("." + extension), ticket::toString);
        assertEquals(type, ticket.get("contentType").getAsString());
        assertEquals(type, ticket.getAsJsonObject("upload").getAsJsonObject("headers")
                .get("content-type").getAsString());
    }

    @ParameterizedTest(name = "extension {0} is refused")
    @ValueSource(strings = {
            "\"svg\"", "\".svg\"", "\"SVG\"", "\"html\"", "\"htm\"", "\"php\"", "\"js\"", "\"exe\"",
            "\"bmp\"",                        // known image, but not in the default allowlist
            "\"..png\"", "\"png.\"", "\".png.html\"", "\"png.html\"", "\"html.png\"",
            "\"png/../x\"", "\"../png\"", "\"/png\"", "\"png\\\\x\"", "\"i/png\"",
            "\"\\u0440ng\"",                   // Cyrillic er, looks like p
            "\"p\\u0578g\"",                   // Armenian vo, looks like n
            "\"\\uff50\\uff4e\\uff47\"",       // fullwidth png
            "\"\\u212Apg\"",                   // Kelvin sign, which toLowerCase turns into ASCII k
            "\"png\\u0000\"", "\"\\u0000png\"", "\"pn\\u0000g\"",
            "\" png\"", "\"png \"", "\"png\\n\"", "\"\"", "\".\"",
            "\"pngpngpngpng\"", "\"*\""})
    void ticketRequest_rejectsExtensionOutsideTheAllowlist(String literal) {
        // Given an extension that is not exactly an allowed one (after case and one leading dot)
        String body = request(literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as unsupported, and the message lists what is allowed
        String message = assertError(response, 415, "unsupported_extension");
        assertEquals("This file type is not accepted. Allowed types: avif, gif, jpeg, jpg, png, webp.", message);
    }

    @ParameterizedTest(name = "extension {0} is refused as the wrong type")
    @ValueSource(strings = {"null", "1", "true", "[\"png\"]", "{\"name\":\"png\"}"})
    void ticketRequest_rejectsExtensionThatIsNotAString(String literal) {
        // Given an extension that is not a JSON string
        String body = request(literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the field is refused as the wrong type
        assertError(response, 400, "invalid_field");
    }

    @Test
    void ticketRequest_rejectsMissingExtension() {
        // Given a request without an extension
        String body = "{\"size\":100}";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the missing field is named
        String message = assertError(response, 400, "missing_field");
        assertTrue(message.contains("'extension'"), message);
    }

    @ParameterizedTest(name = "{0} normalises to nothing")
    @ValueSource(strings = {"..png", "png/../x", "\u0440ng", "\uff50\uff4e\uff47", "png\u0000", "\u212Apg", "\u212A", ""})
    void normalise_neverLetsNonAsciiOrPathCharactersThrough(String raw) {
        // Given a raw extension with a second dot, a path, a homoglyph, a fullwidth letter, NUL or nothing
        // When it is normalised
        // Then nothing comes out, so it can never reach a key
        assertTrue(ImageTypes.normalise(raw).isEmpty(), () -> "normalise(" + raw + ")");
    }
}
