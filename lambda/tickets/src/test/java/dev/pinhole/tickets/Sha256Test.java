package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An optional SHA-256 digest becomes a signed x-amz-checksum-sha256 header, so S3 refuses other bytes. */
class Sha256Test {
    private static final String DIGEST = digestOf("pinhole");

    private static String digestOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String request(String sha256Literal) {
        return "{\"extension\":\"png\",\"size\":7,\"sha256\":" + sha256Literal + "}";
    }

    private static JsonObject uploadHeaders(APIGatewayV2HTTPResponse response) {
        assertEquals(201, response.getStatusCode(), response::getBody);
        return json(response).getAsJsonObject("upload").getAsJsonObject("headers");
    }

    @Test
    void ticketRequest_signsGivenChecksum() {
        // Given a request with a canonical, padded base64 SHA-256
        String body = request("\"" + DIGEST + "\"");

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the client is told to send exactly that checksum
        assertEquals(44, DIGEST.length());
        assertEquals(DIGEST, uploadHeaders(response).get("x-amz-checksum-sha256").getAsString());
    }

    @Test
    void ticketRequest_canonicalisesUnpaddedChecksum() {
        // Given the same digest with its '=' padding dropped (43 characters)
        String unpadded = DIGEST.substring(0, 43);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(request("\"" + unpadded + "\""));

        // Then the header carries the canonical padded form, which is what S3 compares
        assertEquals(DIGEST, uploadHeaders(response).get("x-amz-checksum-sha256").getAsString());
    }

    @Test
    void ticketRequest_treatsNullChecksumAsAbsent() {
        // Given a request whose sha256 is JSON null
        // When it is posted
        APIGatewayV2HTTPResponse response = post(request("null"));

        // Then a ticket without a checksum header is issued
        assertFalse(uploadHeaders(response).has("x-amz-checksum-sha256"));
    }

    @ParameterizedTest(name = "sha256 {0} is refused")
    @ValueSource(strings = {
            "\"\"",
            "\"abc\"",
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw==\"",                  // 31 bytes
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAh\"",                  // 33 bytes
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QA==\"",
            "\"0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\"", // hex, 64 chars
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA!\"",
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eH-_=\"",                  // URL-safe alphabet
            "\"AQIDBAUGBwgJCgsMDQ4PEBES ExQVFhcYGRobHB0eHyA=\"",
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\\n\"",
            "\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA==\""})
    void ticketRequest_rejectsChecksumThatIsNotBase64Of32Bytes(String literal) {
        // Given a sha256 of the wrong length, in another alphabet or encoding, or with stray characters
        // When it is posted
        APIGatewayV2HTTPResponse response = post(request(literal));

        // Then it is refused with a message that says what is expected
        assertError(response, 400, "invalid_sha256");
    }

    @ParameterizedTest(name = "sha256 {0} is refused as the wrong type")
    @ValueSource(strings = {"1", "true", "[]", "{}"})
    void ticketRequest_rejectsChecksumThatIsNotAString(String literal) {
        // Given a sha256 that is not a JSON string
        // When it is posted
        APIGatewayV2HTTPResponse response = post(request(literal));

        // Then the field is refused as the wrong type
        assertError(response, 400, "invalid_field");
    }
}
