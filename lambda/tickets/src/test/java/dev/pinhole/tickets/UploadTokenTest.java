package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.event;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A private deployment requires a shared token on ticket requests; the limits say so. */
class UploadTokenTest {
    private static final String TOKEN = "s3cret-\u00e9t\u00e9-token";
    private static final String VALID = "{\"extension\":\"png\",\"size\":1}";

    private static TicketHandler privateHandler() {
        return handler(Map.of(TicketConfig.UPLOAD_TOKEN, TOKEN));
    }

    private static APIGatewayV2HTTPResponse post(TicketHandler handler, Map<String, String> headers, String body) {
        return handler.handleRequest(event("POST", TicketHandler.UPLOADS, headers, body, false), null);
    }

    @Test
    void token_refusesRequestWithoutToken() {
        // Given a deployment that requires a token
        // When a request without one arrives
        APIGatewayV2HTTPResponse response = post(privateHandler(), Map.of(), VALID);

        // Then it is refused with 401, naming the header to use
        String message = assertError(response, 401, "unauthorized");
        assertTrue(message.contains(UploadToken.HEADER), message);
    }

    @Test
    void token_refusesWrongToken() {
        // Given a deployment that requires a token
        // When requests carry a wrong, empty, longer, shorter or differently cased one
        for (String wrong : new String[] {"guess", "", TOKEN + "x", TOKEN.substring(1), TOKEN.toUpperCase()}) {
            APIGatewayV2HTTPResponse response = post(privateHandler(), Map.of(UploadToken.HEADER, wrong), VALID);

            // Then each is refused with 401
            assertError(response, 401, "unauthorized");
        }
    }

    @Test
    void token_isCheckedBeforeTheBodyIsRead() {
        // Given a deployment that requires a token
        // When a request without one also has a malformed body
        APIGatewayV2HTTPResponse response = post(privateHandler(), Map.of(), "not json");

        // Then the answer reveals nothing about the API beyond the need for a token
        assertError(response, 401, "unauthorized");
    }

    @Test
    void token_acceptsRightToken() {
        // Given a deployment that requires a token
        // When the request carries it
        APIGatewayV2HTTPResponse response = post(privateHandler(), Map.of(UploadToken.HEADER, TOKEN), VALID);

        // Then a ticket is issued
        assertEquals(201, response.getStatusCode(), response::getBody);
    }

    @Test
    void token_isNotRequiredByDefault() {
        // Given the default configuration
        // When a request without a token arrives
        APIGatewayV2HTTPResponse response = post(handler(), Map.of(), VALID);

        // Then a ticket is issued
        assertEquals(201, response.getStatusCode(), response::getBody);
    }

    @Test
    void limits_sayWhetherTokenIsRequired() {
        // Given a private and a default deployment
        // When each is asked for its limits (without a token: clients need to know before asking)
        APIGatewayV2HTTPResponse privateLimits = privateHandler().handleRequest(
                event("GET", TicketHandler.LIMITS, Map.of(), null, false), null);
        APIGatewayV2HTTPResponse openLimits = handler().handleRequest(
                event("GET", TicketHandler.LIMITS, Map.of(), null, false), null);

        // Then tokenRequired tells them apart, and the token itself is never shown
        assertEquals(true, json(privateLimits).get("tokenRequired").getAsBoolean());
        assertEquals(false, json(openLimits).get("tokenRequired").getAsBoolean());
        assertNotEquals(-1, privateLimits.getBody().indexOf("tokenRequired"));
        assertEquals(-1, privateLimits.getBody().indexOf(TOKEN));
    }
}
