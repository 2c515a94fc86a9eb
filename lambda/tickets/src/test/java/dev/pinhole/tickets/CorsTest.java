package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.event;
import static dev.pinhole.tickets.TicketTesting.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CORS is off unless origins are configured, and then it answers only those origins. */
class CorsTest {
    private static final String PAGE = "https://pinhole.example.org";
    private static final String OTHER = "https://evil.example.net";
    private static final String VALID = "{\"extension\":\"png\",\"size\":1}";

    private static TicketHandler corsHandler() {
        return handler(Map.of(TicketConfig.ALLOWED_ORIGINS, PAGE + ", http://localhost:5173"));
    }

    private static APIGatewayV2HTTPResponse post(TicketHandler handler, String origin) {
        return handler.handleRequest(event("POST", TicketHandler.UPLOADS, Map.of("origin", origin), VALID, false), null);
    }

    private static APIGatewayV2HTTPResponse preflight(TicketHandler handler, String path, String origin) {
        Map<String, String> headers = origin == null ? Map.of("access-control-request-method", "POST")
                : Map.of("origin", origin, "access-control-request-method", "POST");
        return handler.handleRequest(event("OPTIONS", path, headers, null, false), null);
    }

    private static Map<String, String> corsHeaders(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().startsWith("access-control-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void cors_sendsNoCorsHeadersByDefault() {
        // Given the default configuration, where the page is same-origin
        // When a cross-origin request arrives
        APIGatewayV2HTTPResponse response = post(handler(), PAGE);

        // Then it is served, but no site is granted the right to read it
        assertEquals(201, response.getStatusCode(), response::getBody);
        assertEquals(Map.of(), corsHeaders(response));
        assertNull(response.getHeaders().get("vary"));
    }

    @Test
    void cors_refusesPreflightByDefault() {
        // Given the default configuration
        // When a preflight arrives
        APIGatewayV2HTTPResponse response = preflight(handler(), TicketHandler.UPLOADS, PAGE);

        // Then OPTIONS is simply not a method of the route
        assertError(response, 405, "method_not_allowed");
        assertEquals(Map.of(), corsHeaders(response));
    }

    @Test
    void cors_echoesConfiguredOrigin() {
        // Given a handler that allows the page's origin
        // When the page posts
        APIGatewayV2HTTPResponse response = post(corsHandler(), PAGE);

        // Then that origin, and only it, may read the answer, and caches keep answers per origin
        assertEquals(201, response.getStatusCode(), response::getBody);
        assertEquals(Map.of("access-control-allow-origin", PAGE), corsHeaders(response));
        assertEquals("origin", response.getHeaders().get("vary"));
    }

    @Test
    void cors_grantsNothingToOtherOrigins() {
        // Given a handler that allows the page's origin
        // When another site, or a look-alike of the allowed one, posts
        for (String origin : new String[] {OTHER, "null", PAGE + "/", "https://pinhole.example.org.evil.net",
                "http://pinhole.example.org", "*"}) {
            APIGatewayV2HTTPResponse response = post(corsHandler(), origin);

            // Then no allow-origin header is sent, so its browser keeps the answer from it
            assertEquals(Map.of(), corsHeaders(response), origin);
            assertEquals("origin", response.getHeaders().get("vary"));
        }
    }

    @Test
    void cors_addsAllowOriginToErrorsToo() {
        // Given a handler that allows the page's origin
        // When the page sends a request that is refused
        APIGatewayV2HTTPResponse response = corsHandler().handleRequest(
                event("POST", TicketHandler.UPLOADS, Map.of("origin", PAGE), "{\"extension\":\"svg\",\"size\":1}",
                        false), null);

        // Then the page may read the refusal, so it can show why
        assertError(response, 415, "unsupported_extension");
        assertEquals(PAGE, response.getHeaders().get("access-control-allow-origin"));
    }

    @Test
    void preflight_answers204ForConfiguredOrigin() {
        // Given a handler that allows the page's origin
        // When the page's browser sends a preflight for the uploads route
        APIGatewayV2HTTPResponse response = preflight(corsHandler(), TicketHandler.UPLOADS, PAGE);

        // Then it is allowed to POST with the headers the page sends, without a body
        assertEquals(204, response.getStatusCode());
        assertNull(response.getBody());
        Map<String, String> cors = corsHeaders(response);
        assertEquals(PAGE, cors.get("access-control-allow-origin"));
        assertEquals("POST", cors.get("access-control-allow-methods"));
        assertTrue(cors.get("access-control-allow-headers").contains("content-type"), cors::toString);
        assertTrue(cors.get("access-control-allow-headers").contains(UploadToken.HEADER), cors::toString);
        assertEquals("600", cors.get("access-control-max-age"));
    }

    @Test
    void preflight_allowsGetOnLimits() {
        // Given a handler that allows the page's origin
        // When a preflight arrives for the limits route
        APIGatewayV2HTTPResponse response = preflight(corsHandler(), TicketHandler.LIMITS, PAGE);

        // Then GET is the method allowed
        assertEquals(204, response.getStatusCode());
        assertEquals("GET", response.getHeaders().get("access-control-allow-methods"));
    }

    @Test
    void preflight_answers403ForOtherOrMissingOrigin() {
        // Given a handler that allows the page's origin
        // When another site's browser, or a client sending no origin, asks
        APIGatewayV2HTTPResponse other = preflight(corsHandler(), TicketHandler.UPLOADS, OTHER);
        APIGatewayV2HTTPResponse none = preflight(corsHandler(), TicketHandler.UPLOADS, null);

        // Then both are refused with a JSON 403 that grants nothing
        assertError(other, 403, "origin_not_allowed");
        assertError(none, 403, "origin_not_allowed");
        assertNull(other.getHeaders().get("access-control-allow-origin"));
        assertNull(other.getHeaders().get("access-control-allow-methods"));
    }

    @Test
    void cors_readsOriginHeaderWhateverItsCase() {
        // Given a caller (not API Gateway) that does not lower-case header names
        APIGatewayV2HTTPResponse response = corsHandler().handleRequest(
                event("POST", TicketHandler.UPLOADS, Map.of("Origin", PAGE), VALID, false), null);

        // Then the origin is still recognised
        assertEquals(PAGE, response.getHeaders().get("access-control-allow-origin"));
    }
}
