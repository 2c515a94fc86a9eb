package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.event;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths and methods the API answers, and what it says when it will not. */
class RoutingTest {

    private static APIGatewayV2HTTPResponse call(String method, String path) {
        return handler().handleRequest(event(method, path, Map.of(), null, false), null);
    }

    @ParameterizedTest(name = "{0} is not found")
    @ValueSource(strings = {"/", "/api", "/api/", "/api/uploads/", "/api/uploads/x", "/API/UPLOADS",
            "/api/limits.json", "/i/abc.png", "/api/../api/uploads", "/api/uploads%2F"})
    void route_answers404ForUnknownPath(String path) {
        // Given a path the API does not serve
        // When it is requested
        APIGatewayV2HTTPResponse response = call("POST", path);

        // Then the answer is a JSON 404
        assertError(response, 404, "not_found");
    }

    @ParameterizedTest(name = "{0} {1} is refused, allowing {2}")
    @CsvSource({
            "GET, /api/uploads, POST",
            "PUT, /api/uploads, POST",
            "DELETE, /api/uploads, POST",
            "OPTIONS, /api/uploads, POST",
            "post, /api/uploads, POST",
            "POST, /api/limits, GET",
            "HEAD, /api/limits, GET"})
    void route_answers405WithAllowHeaderForWrongMethod(String method, String path, String allowed) {
        // Given a served path and a method it does not accept (CORS is off, so OPTIONS is just a method)
        // When it is requested
        APIGatewayV2HTTPResponse response = call(method, path);

        // Then the answer is a JSON 405 naming the method to use
        assertError(response, 405, "method_not_allowed");
        assertEquals(allowed, response.getHeaders().get("allow"));
    }

    @Test
    void limits_describesWhatWouldBeAccepted() {
        // Given the default configuration
        // When the limits are asked for
        APIGatewayV2HTTPResponse response = call("GET", TicketHandler.LIMITS);

        // Then they list the allowed extensions with their types, the size cap and the URL lifetime
        assertEquals(200, response.getStatusCode());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        JsonObject limits = json(response);
        JsonArray extensions = limits.getAsJsonArray("allowedExtensions");
        assertEquals(List.of("avif", "gif", "jpeg", "jpg", "png", "webp"),
                extensions.asList().stream().map(e -> e.getAsString()).toList());
        assertEquals("image/jpeg", limits.getAsJsonObject("contentTypes").get("jpg").getAsString());
        assertEquals("image/png", limits.getAsJsonObject("contentTypes").get("png").getAsString());
        assertEquals(20L * 1024 * 1024, limits.get("maxBytes").getAsLong());
        assertEquals(300, limits.get("urlLifetimeSeconds").getAsLong());
        assertFalse(limits.get("tokenRequired").getAsBoolean());
        // and the lifetimes an upload may ask for (forever apart), the default, and that forever is allowed
        assertEquals("[\"1d\",\"7d\",\"30d\"]", limits.getAsJsonArray("lifetimes").toString());
        assertEquals("forever", limits.get("defaultLifetime").getAsString());
        assertTrue(limits.get("foreverAllowed").getAsBoolean());
        assertEquals(Set.of("allowedExtensions", "contentTypes", "maxBytes", "urlLifetimeSeconds", "tokenRequired",
                "lifetimes", "defaultLifetime", "foreverAllowed"), limits.keySet());
    }

    @ParameterizedTest(name = "lifetimes {0}, default {1}")
    @CsvSource({
            "'365d, 7d', , '[\"7d\",\"365d\"]', 7d, false",
            "'forever,90d', 90d, '[\"90d\"]', 90d, true",
            "forever, , '[]', forever, true"})
    void limits_listTheConfiguredLifetimes(String list, String defaultLifetime, String lifetimes, String expectedDefault,
                                           boolean foreverAllowed) {
        // Given a handler configured with these lifetimes
        Map<String, String> overrides = new java.util.HashMap<>();
        overrides.put(TicketConfig.LIFETIMES, list);
        overrides.put(TicketConfig.DEFAULT_LIFETIME, defaultLifetime);
        TicketHandler handler = handler(overrides);

        // When the limits are asked for
        JsonObject limits = json(handler.handleRequest(event("GET", TicketHandler.LIMITS, Map.of(), null, false), null));

        // Then they say exactly that
        assertEquals(lifetimes, limits.getAsJsonArray("lifetimes").toString());
        assertEquals(expectedDefault, limits.get("defaultLifetime").getAsString());
        assertEquals(foreverAllowed, limits.get("foreverAllowed").getAsBoolean());
    }

    @Test
    void limits_followTheConfiguration() {
        // Given a handler configured with a smaller cap, a shorter lifetime and two extensions
        TicketHandler handler = handler(Map.of(TicketConfig.MAX_UPLOAD_BYTES, "1000",
                TicketConfig.URL_LIFETIME_SECONDS, "60", TicketConfig.ALLOWED_EXTENSIONS, "webp, PNG"));

        // When the limits are asked for
        JsonObject limits = json(handler.handleRequest(event("GET", TicketHandler.LIMITS, Map.of(), null, false), null));

        // Then they say exactly that
        assertEquals("[\"png\",\"webp\"]", limits.getAsJsonArray("allowedExtensions").toString());
        assertEquals(1000, limits.get("maxBytes").getAsLong());
        assertEquals(60, limits.get("urlLifetimeSeconds").getAsLong());
    }

    @Test
    void responses_areNeverCachedOrSniffed() {
        // Given a ticket, a refusal and the limits
        List<APIGatewayV2HTTPResponse> responses = List.of(
                handler().handleRequest(event("POST", TicketHandler.UPLOADS, Map.of(),
                        "{\"extension\":\"png\",\"size\":1}", false), null),
                call("GET", "/nowhere"),
                call("GET", TicketHandler.LIMITS));

        // Then each forbids caching (a ticket is single-use) and MIME sniffing
        for (APIGatewayV2HTTPResponse response : responses) {
            assertEquals("no-store", response.getHeaders().get("cache-control"));
            assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
            assertFalse(response.getIsBase64Encoded());
        }
    }

    @Test
    void handle_answers4xxForNullEvent() {
        // Given no event at all
        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(null, null);

        // Then the answer is a JSON client error, not an exception
        assertError(response, 404, "not_found");
    }

    @Test
    void handle_answers4xxForEventWithoutRequestContext() {
        // Given an event for the uploads path that has no request context, hence no method
        APIGatewayV2HTTPEvent event = event("POST", TicketHandler.UPLOADS, Map.of(),
                "{\"extension\":\"png\",\"size\":1}", false);
        event.setRequestContext(null);

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then the answer is a JSON client error
        assertError(response, 405, "method_not_allowed");
    }

    @Test
    void handle_answers4xxForEventWithoutHttpOrMethod() {
        // Given events whose request context lacks http, or whose http lacks a method
        APIGatewayV2HTTPEvent noHttp = event("POST", TicketHandler.UPLOADS, Map.of(), "{}", false);
        noHttp.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
        APIGatewayV2HTTPEvent noMethod = event("POST", TicketHandler.UPLOADS, Map.of(), "{}", false);
        noMethod.getRequestContext().getHttp().setMethod(null);

        // When they are handled
        // Then each gets a JSON client error
        assertError(handler().handleRequest(noHttp, null), 405, "method_not_allowed");
        assertError(handler().handleRequest(noMethod, null), 405, "method_not_allowed");
    }

    @Test
    void handle_issuesTicketForEventWithoutHeaders() {
        // Given a valid request whose event carries no headers map
        APIGatewayV2HTTPEvent event = event("POST", TicketHandler.UPLOADS, Map.of(),
                "{\"extension\":\"png\",\"size\":1}", false);
        event.setHeaders(null);

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then headers are not needed for a ticket
        assertEquals(201, response.getStatusCode(), response::getBody);
    }

    @Test
    void handle_answers4xxForEventWithoutPath() {
        // Given an event with no raw path
        APIGatewayV2HTTPEvent event = event("GET", TicketHandler.LIMITS, Map.of(), null, false);
        event.setRawPath(null);

        // When it is handled
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // Then the answer is a JSON 404
        assertError(response, 404, "not_found");
    }
}
