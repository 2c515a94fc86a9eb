package dev.pinhole.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.pinhole.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Plays API Gateway (HTTP API, payload format 2.0) for /api/*: turns the HTTP request into the same
 * event Lambda would receive and calls the very same handler, then writes its response back. It enforces
 * both documented payload limits on the way: API Gateway's 10 MB per request (HTTP API quotas) and Lambda's
 * 6 MB per synchronous invocation, for the event and for the function's answer (Lambda quotas). Public so
 * that bench/ can put its base64 upload baseline behind the very same limits.
 */
public final class ApiGatewayBridge implements HttpHandler {
    /** API Gateway refuses payloads over 10 MB before calling the function. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** Lambda refuses a synchronous invocation whose event, or whose answer, is over 6 MB of JSON. */
    static final int MAX_INVOCATION_BYTES = 6 * 1024 * 1024;
    /** How much of a refused body is read so that the client gets the refusal, not a reset connection. */
    private static final long MAX_DROPPED_BYTES = 64L * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    public ApiGatewayBridge(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                Responses.error(exchange, ErrorCode.BODY_TOO_LARGE,
                        "The request body is over the 10 MB that API Gateway accepts.");
                return;
            }
            APIGatewayV2HTTPEvent event = toEvent(exchange, body);
            if (InvocationPayload.jsonBytes(event) > MAX_INVOCATION_BYTES) {
                // The event carries the body as it is, or base64-encoded (4/3 larger) when it is binary.
                Responses.error(exchange, ErrorCode.BODY_TOO_LARGE,
                        "The request is over the 6 MB that Lambda accepts per invocation.");
                return;
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            if (InvocationPayload.jsonBytes(response) > MAX_INVOCATION_BYTES) {
                // Lambda drops such an answer and API Gateway reports a failed integration.
                Responses.error(exchange, ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
                return;
            }
            write(exchange, response);
        }
    }

    APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = lowerCaseHeaders(exchange);
        String method = exchange.getRequestMethod();
        boolean textual = isText(headers.get("content-type"));
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(uri.getRawPath())
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent"))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("local")
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey("$default")
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(http)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withHeaders(headers)
                .withRequestContext(context)
                .withBody(body.length == 0 ? null
                        : textual ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !textual)
                .build();
    }

    /** Like API Gateway: header names lower-cased, repeated headers joined with commas. */
    private static Map<String, String> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : exchange.getRequestHeaders().entrySet()) {
            headers.merge(entry.getKey().toLowerCase(Locale.ROOT), String.join(",", entry.getValue()),
                    (first, second) -> first + "," + second);
        }
        return headers;
    }

    /** API Gateway passes text bodies as they are and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    /**
     * The body, or null when it is over the payload limit. The rest of a refused body is then read and
     * dropped (up to a bound): closing on unread bytes makes TCP reset the connection, and the client would
     * see that instead of the 413.
     */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (body.length <= MAX_PAYLOAD_BYTES) {
            return body;
        }
        byte[] dropped = new byte[64 * 1024];
        for (long rest = MAX_DROPPED_BYTES; rest > 0; ) {
            int read = in.read(dropped);
            if (read < 0) {
                break;
            }
            rest -= read;
        }
        return null;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Responses.send(exchange, response.getStatusCode(), bytes);
    }
}
