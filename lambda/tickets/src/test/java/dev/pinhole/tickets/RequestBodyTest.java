package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.event;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body must be one small, strictly valid JSON object with known fields, each given once. */
class RequestBodyTest {
    private static final String VALID = "{\"extension\":\"png\",\"size\":48213}";

    private static APIGatewayV2HTTPResponse postBase64(String encodedBody) {
        return handler().handleRequest(event("POST", TicketHandler.UPLOADS, Map.of(), encodedBody, true), null);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @ParameterizedTest(name = "body {0} is refused as invalid JSON")
    @ValueSource(strings = {
            "extension=png&size=48213",
            "not json",
            "   ",
            "{",
            "{\"extension\":\"png\",\"size\":48213",
            "{\"extension\":\"png\",\"size\":48213,}",
            "{\"extension\":\"png\",\"size\":48213} trailing",
            "{\"extension\":\"png\",\"size\":48213}{}",
            "{\"extension\":\"png\",\"size\":48213}]",
            "{'extension':'png','size':48213}",
            "{extension:\"png\",size:48213}",
            "{\"extension\":\"png\",/* comment */\"size\":48213}",
            "{\"extension\":\"png\",\"size\":48213} // comment",
            "# comment\n{\"extension\":\"png\",\"size\":48213}",
            "{\"extension\":\"png\",\"size\":NaN}",
            "{\"extension\":\"png\",\"size\":Infinity}",
            "{\"extension\":\"png\",\"size\":0x10}",
            "{\"extension\":\"png\",\"size\":012}",
            "{\"extension\":\"png\";\"size\":48213}",
            "{\"extension\"=\"png\",\"size\":48213}",
            ")]}'\n{\"extension\":\"png\",\"size\":48213}"})
    void ticketRequest_rejectsMalformedOrLenientJson(String body) {
        // Given a body that is not strictly valid JSON (lenient parsers would accept some of these)
        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as invalid JSON
        assertError(response, 400, "invalid_json");
    }

    @ParameterizedTest(name = "top-level {0} is refused: not an object")
    @ValueSource(strings = {"[]", "[{\"extension\":\"png\",\"size\":1}]", "\"png\"", "48213", "true", "null"})
    void ticketRequest_rejectsTopLevelValueThatIsNotAnObject(String body) {
        // Given valid JSON whose top level is an array, string, number, boolean or null
        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused, and the message says an object is expected
        String message = assertError(response, 400, "invalid_json");
        assertTrue(message.contains("JSON object"), message);
    }

    @Test
    void ticketRequest_rejectsUnknownField() {
        // Given a request with a field the API does not know, such as a client-chosen Content-Type
        String body = "{\"extension\":\"png\",\"size\":1,\"contentType\":\"text/html\"}";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the field is refused by name
        String message = assertError(response, 400, "unknown_field");
        assertTrue(message.contains("'contentType'"), message);
    }

    @Test
    void ticketRequest_rejectsUnknownFieldWithoutEchoingControlCharacters() {
        // Given an unknown field name carrying control characters and a very long tail
        String body = "{\"a\\u0000\\u001b[31m" + "x".repeat(500) + "\":1,\"extension\":\"png\",\"size\":1}";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the message quotes a cleaned, shortened name
        String message = assertError(response, 400, "unknown_field");
        assertTrue(message.chars().noneMatch(c -> c < 0x20), message);
        assertTrue(message.length() < 200, message);
    }

    @ParameterizedTest(name = "duplicate {0} is refused")
    @ValueSource(strings = {
            "{\"extension\":\"png\",\"size\":1,\"size\":2}",
            "{\"extension\":\"svg\",\"extension\":\"png\",\"size\":1}",
            "{\"extension\":\"png\",\"size\":1,\"sha256\":null,\"sha256\":null}"})
    void ticketRequest_rejectsDuplicateField(String body) {
        // Given a body naming a field twice (parsers disagree about which one wins)
        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused rather than guessed
        assertError(response, 400, "duplicate_field");
    }

    @Test
    void ticketRequest_rejectsEmptyObject() {
        // Given an empty JSON object
        // When it is posted
        APIGatewayV2HTTPResponse response = post("{}");

        // Then the first missing field is named
        String message = assertError(response, 400, "missing_field");
        assertTrue(message.contains("'extension'"), message);
    }

    @Test
    void ticketRequest_acceptsFieldsInAnyOrderWithWhitespace() {
        // Given a valid request pretty-printed with its fields in another order
        String body = "{\n  \"size\" : 48213 ,\n\t\"extension\" : \"png\"\n}\n";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then a ticket is issued
        assertEquals(201, response.getStatusCode(), response::getBody);
    }

    @Test
    void ticketRequest_rejectsEmptyBody() {
        // Given an empty body
        // When it is posted
        APIGatewayV2HTTPResponse response = post("");

        // Then it is refused as missing
        assertError(response, 400, "missing_body");
    }

    @Test
    void ticketRequest_rejectsNullBody() {
        // Given an event without a body at all
        // When it is posted
        APIGatewayV2HTTPResponse response = post(null);

        // Then it is refused as missing
        assertError(response, 400, "missing_body");
    }

    @Test
    void ticketRequest_acceptsBase64EncodedBody() {
        // Given a valid request that API Gateway passed on base64-encoded
        String encoded = base64(VALID.getBytes(StandardCharsets.UTF_8));

        // When it is posted
        APIGatewayV2HTTPResponse response = postBase64(encoded);

        // Then the decoded request is honoured
        assertEquals(201, response.getStatusCode(), response::getBody);
        assertEquals(48213, json(response).get("size").getAsLong());
    }

    @ParameterizedTest(name = "base64 body {0} is refused")
    @ValueSource(strings = {"not base64!", "e", "{\"extension\":\"png\",\"size\":48213}", "e30=e30="})
    void ticketRequest_rejectsBodyMarkedBase64ThatIsNot(String body) {
        // Given a body flagged isBase64Encoded that does not decode
        // When it is posted
        APIGatewayV2HTTPResponse response = postBase64(body);

        // Then it is refused as an invalid body
        assertError(response, 400, "invalid_body");
    }

    @Test
    void ticketRequest_rejectsBase64BodyThatIsNotUtf8() {
        // Given base64 that decodes to bytes that are not UTF-8 (a lone continuation byte and an overlong '/')
        byte[] bytes = {'{', '"', 'e', (byte) 0x80, '"', ':', (byte) 0xC0, (byte) 0xAF, '}'};

        // When it is posted
        APIGatewayV2HTTPResponse response = postBase64(base64(bytes));

        // Then it is refused rather than decoded with replacement characters
        String message = assertError(response, 400, "invalid_body");
        assertTrue(message.contains("UTF-8"), message);
    }

    @Test
    void ticketRequest_rejectsBase64BodyThatDecodesToNonJson() {
        // Given valid base64 of text that is not JSON
        // When it is posted
        APIGatewayV2HTTPResponse response = postBase64(base64("hello".getBytes(StandardCharsets.UTF_8)));

        // Then it is refused as invalid JSON
        assertError(response, 400, "invalid_json");
    }

    @Test
    void ticketRequest_acceptsBodyOfExactlyTheCap() {
        // Given a valid request padded with whitespace to exactly 4096 bytes
        String body = VALID + " ".repeat(RequestBodies.MAX_BODY_BYTES - VALID.length());

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is still accepted
        assertEquals(201, response.getStatusCode(), response::getBody);
    }

    @Test
    void ticketRequest_rejectsBodyOverTheCap() {
        // Given a valid request padded to 4097 bytes
        String body = VALID + " ".repeat(RequestBodies.MAX_BODY_BYTES + 1 - VALID.length());

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused before parsing
        assertError(response, 413, "body_too_large");
    }

    @Test
    void ticketRequest_countsBodyCapInUtf8Bytes() {
        // Given a body of 2049 two-byte characters: fewer than 4096 chars, but 4098 bytes
        String body = "\u00e9".repeat(2049);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as too large
        assertError(response, 413, "body_too_large");
    }

    @Test
    void ticketRequest_rejectsVeryLargeBodyWithoutDecodingIt() {
        // Given a megabyte of text, as if someone posted the image itself
        String body = "A".repeat(1024 * 1024);

        // When it is posted, both plain and marked base64
        APIGatewayV2HTTPResponse plain = post(body);
        APIGatewayV2HTTPResponse encoded = postBase64(body);

        // Then both are refused as too large
        assertError(plain, 413, "body_too_large");
        assertError(encoded, 413, "body_too_large");
    }

    @Test
    void ticketRequest_rejectsBase64BodyThatDecodesOverTheCap() {
        // Given base64 of 4097 bytes: short enough to pass the length pre-check, too long once decoded
        byte[] decoded = (VALID + " ".repeat(RequestBodies.MAX_BODY_BYTES + 1 - VALID.length()))
                .getBytes(StandardCharsets.UTF_8);

        // When it is posted
        APIGatewayV2HTTPResponse response = postBase64(base64(decoded));

        // Then it is refused as too large
        assertError(response, 413, "body_too_large");
    }
}
