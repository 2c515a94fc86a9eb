package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.fixture;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole API Gateway HTTP API (payload 2.0) events, as the Lambda runtime would hand them over. */
class ApiGatewayEventTest {

    @Test
    void fixtures_deserialiseIntoTheRuntimeEventClass() {
        // Given the POST fixture
        // When it is read into the runtime's event class
        APIGatewayV2HTTPEvent event = fixture("post-upload.json");

        // Then the parts the handler reads are all there
        assertEquals("2.0", event.getVersion());
        assertEquals("/api/uploads", event.getRawPath());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals(false, event.getIsBase64Encoded());
        assertTrue(event.getBody().startsWith("{"), event.getBody());
    }

    @Test
    void postUpload_issuesTicket() {
        // Given a real-shaped POST /api/uploads event
        APIGatewayV2HTTPEvent event = fixture("post-upload.json");

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then a PNG ticket for 48213 bytes is issued
        assertEquals(201, response.getStatusCode(), response::getBody);
        JsonObject ticket = json(response);
        assertEquals("image/png", ticket.get("contentType").getAsString());
        assertEquals(48213, ticket.get("size").getAsLong());
    }

    @Test
    void postUploadBase64_decodesBodyAndSignsChecksum() {
        // Given a real-shaped event whose body API Gateway base64-encoded (sent as application/octet-stream)
        APIGatewayV2HTTPEvent event = fixture("post-upload-base64.json");
        assertTrue(event.getIsBase64Encoded());

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then the decoded request (".JPG", 1 MiB, a checksum) is honoured
        assertEquals(201, response.getStatusCode(), response::getBody);
        JsonObject ticket = json(response);
        assertTrue(ticket.get("key").getAsString().endsWith(".jpg"), ticket::toString);
        assertEquals("image/jpeg", ticket.get("contentType").getAsString());
        assertEquals(1048576, ticket.get("size").getAsLong());
        assertEquals("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", ticket.getAsJsonObject("upload")
                .getAsJsonObject("headers").get("x-amz-checksum-sha256").getAsString());
    }

    @Test
    void getLimits_answersLimits() {
        // Given a real-shaped GET /api/limits event from a browser
        APIGatewayV2HTTPEvent event = fixture("get-limits.json");

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then the limits are answered
        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals(20L * 1024 * 1024, json(response).get("maxBytes").getAsLong());
    }

    @Test
    void getUploads_isWrongMethod() {
        // Given a real-shaped event of a browser opening the uploads URL
        APIGatewayV2HTTPEvent event = fixture("get-uploads-wrong-method.json");

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then it is told to POST
        assertError(response, 405, "method_not_allowed");
        assertEquals("POST", response.getHeaders().get("allow"));
    }

    @Test
    void unknownRoute_isNotFound() {
        // Given a real-shaped event of a scanner probing another path
        APIGatewayV2HTTPEvent event = fixture("get-unknown-route.json");

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then it is a JSON 404
        assertError(response, 404, "not_found");
    }

    @Test
    void preflight_isAnsweredOnlyWhenItsOriginIsConfigured() {
        // Given a real-shaped preflight from https://pinhole.example.org
        APIGatewayV2HTTPEvent event = fixture("options-uploads-preflight.json");

        // When a handler that allows that origin, and one that allows another, handle it
        APIGatewayV2HTTPResponse allowed = handler(Map.of(TicketConfig.ALLOWED_ORIGINS, "https://pinhole.example.org"))
                .handleRequest(event, null);
        APIGatewayV2HTTPResponse refused = handler(Map.of(TicketConfig.ALLOWED_ORIGINS, "https://other.example.org"))
                .handleRequest(event, null);

        // Then the first answers 204 for that origin and the second refuses
        assertEquals(204, allowed.getStatusCode());
        assertEquals("https://pinhole.example.org", allowed.getHeaders().get("access-control-allow-origin"));
        assertError(refused, 403, "origin_not_allowed");
    }
}
