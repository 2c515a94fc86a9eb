package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.tickets.signing.UploadSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Shared set-up for the handler tests: a configuration like the local stack's, the real signer
 * (presigning is offline computation, so no S3 is needed), events shaped like API Gateway's, and
 * helpers that read responses the way a client would.
 */
final class TicketTesting {
    static final String BUCKET = "pinhole-images";
    static final String PUBLIC_BASE = "https://img.pinhole.test";
    static final String ENDPOINT = "http://127.0.0.1:9000";
    static final long MAX_BYTES = 20L * 1024 * 1024;

    /** One signer for all tests, as one per runtime in production; it depends only on bucket, endpoint and region. */
    static final UploadSigner SIGNER = TicketHandler.signer(config(Map.of()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPINHOLETEST", "pinhole-test-secret")));

    /**
     * Builds every line and writes none: the handler tests that are not about logging keep the build's output
     * readable (TicketTelemetryTest reads what is printed).
     */
    static final Telemetry QUIET = new Telemetry(TicketMetrics.FUNCTION, Telemetry.Style.JSON, line -> {
    }, Clock.systemUTC());

    private TicketTesting() {
    }

    /** The environment of the local stack; {@code overrides} replace or add variables (null removes one). */
    static Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put(TicketConfig.BUCKET, BUCKET);
        env.put(TicketConfig.REGION, "us-east-1");
        env.put(TicketConfig.PUBLIC_BASE_URL, PUBLIC_BASE);
        env.put(TicketConfig.S3_ENDPOINT, ENDPOINT);
        env.put(TicketConfig.S3_PATH_STYLE, "true");
        overrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return env;
    }

    static TicketConfig config(Map<String, String> overrides) {
        return TicketConfig.fromEnvironment(environment(overrides));
    }

    static TicketHandler handler() {
        return handler(Map.of());
    }

    static TicketHandler handler(Map<String, String> overrides) {
        return new TicketHandler(config(overrides), SIGNER).withTelemetry(QUIET);
    }

    /** A handler whose tickets are issued at the clock's time (removeAfter); the URLs are signed in real time. */
    static TicketHandler handler(Map<String, String> overrides, Clock clock) {
        return new TicketHandler(config(overrides), SIGNER, clock).withTelemetry(QUIET);
    }

    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body,
                                       boolean base64) {
        Map<String, String> allHeaders = new HashMap<>();
        allHeaders.put("host", "127.0.0.1:8080");
        allHeaders.put("user-agent", "curl/8.5.0");
        if (body != null) {
            allHeaders.put("content-type", "application/json");
        }
        allHeaders.putAll(headers);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(allHeaders)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.7")
                                .withUserAgent("curl/8.5.0")
                                .build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPEvent postUploads(String body) {
        return event("POST", TicketHandler.UPLOADS, Map.of(), body, false);
    }

    static APIGatewayV2HTTPResponse post(String body) {
        return handler().handleRequest(postUploads(body), null);
    }

    /** An API Gateway v2 event from src/test/resources/events/. */
    static APIGatewayV2HTTPEvent fixture(String name) {
        try (InputStream in = TicketTesting.class.getResourceAsStream("/events/" + name)) {
            assertNotNull(in, "fixture " + name + " exists");
            return new Gson().fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject json(APIGatewayV2HTTPResponse response) {
        assertNotNull(response.getBody(), "response has a body");
        JsonElement body = JsonParser.parseString(response.getBody());
        assertTrue(body.isJsonObject(), "response body is a JSON object: " + response.getBody());
        return body.getAsJsonObject();
    }

    /**
     * Asserts the response is the API's error shape, {"error":{"code","message"}} as JSON, with
     * the given status and code, and returns the message.
     */
    static String assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), () -> "status of " + response.getBody());
        assertTrue(response.getHeaders().get("content-type").startsWith("application/json"),
                () -> "content-type " + response.getHeaders());
        JsonObject body = json(response);
        assertEquals(1, body.size(), () -> "only 'error' at top level: " + body);
        JsonObject error = body.getAsJsonObject("error");
        assertNotNull(error, "has an 'error' object");
        assertEquals(2, error.size(), () -> "only code and message: " + error);
        assertEquals(code, error.get("code").getAsString());
        String message = error.get("message").getAsString();
        assertTrue(!message.isBlank(), "message is not blank");
        return message;
    }

    static String ticketRequest(String extension, String size) {
        return "{\"extension\":\"" + extension + "\",\"size\":" + size + "}";
    }
}
