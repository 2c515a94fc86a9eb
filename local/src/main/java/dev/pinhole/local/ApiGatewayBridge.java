package dev.pinhole.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
 * event Lambda would receive and calls the very same handler, then writes its response back.
 */
final class ApiGatewayBridge implements HttpHandler {
    /** API Gateway refuses payloads over 10 MB before calling the function. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    ApiGatewayBridge(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                Responses.error(exchange, 413, "body_too_large", "The request body is over the 10 MB that API Gateway accepts.");
                return;
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(toEvent(exchange, body), null);
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

    /** The body, or null when it is over the payload limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
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
