package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.config;
import static dev.pinhole.tickets.TicketTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.testkit.LambdaContext;
import dev.pinhole.testkit.PrintedLines;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the ticket function prints, run through its real paths: one line per request, with the request ids; every
 * line with metrics a valid embedded-metric-format document (judged by the testkit's EmfSpecification, not by the
 * code that wrote it); and nowhere a token, a signature, a presigned URL, the origin secret or a request body.
 */
class TicketTelemetryTest {
    static final String UPLOAD_TOKEN = "upload-token-" + DeleteToken.mint();
    static final String ORIGIN_SECRET = "origin-secret-" + DeleteToken.mint();
    static final String API_REQUEST_ID = "JKJaXmPLvHcESHA=";
    static final LambdaContext CONTEXT = new LambdaContext("pinhole-tickets", "8f5e2c3a-0b1d-4e6f-9a7b-1c2d3e4f5a6b");
    /** A checksum no other part of a request or answer has: it stands for the request body in the grep. */
    static final String SHA256 = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";

    private final PrintedLines printed = new PrintedLines();
    private final Telemetry telemetry = new Telemetry(TicketMetrics.FUNCTION, Telemetry.Style.JSON, printed.sink(),
            Clock.systemUTC());

    /** A private deployment behind CloudFront: an upload token, and the origin secret that vouches for the host. */
    private TicketHandler privateHandler() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(TicketConfig.PUBLIC_BASE_URL, null);
        overrides.put(TicketConfig.ORIGIN_SECRET, ORIGIN_SECRET);
        overrides.put(TicketConfig.UPLOAD_TOKEN, UPLOAD_TOKEN);
        return new TicketHandler(config(overrides), TicketTesting.SIGNER).withTelemetry(telemetry);
    }

    private static APIGatewayV2HTTPEvent viaCloudFront(String method, String path, String token, String body) {
        Map<String, String> headers = new HashMap<>(Map.of(LinkBase.ORIGIN_SECRET_HEADER, ORIGIN_SECRET,
                LinkBase.VIEWER_HOST_HEADER, "d111111abcdef8.cloudfront.net"));
        if (token != null) {
            headers.put(UploadToken.HEADER, token);
        }
        APIGatewayV2HTTPEvent event = TicketTesting.event(method, path, headers, body, false);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(API_REQUEST_ID)
                .withHttp(event.getRequestContext().getHttp()).build());
        return event;
    }

    private static String ticketBody() {
        return "{\"extension\":\"png\",\"size\":48213,\"sha256\":\"" + SHA256 + "\",\"lifetime\":\"7d\"}";
    }

    @Test
    void anIssuedTicket_isOneValidEmfLine_withTheRequestIds_andNoneOfItsSecrets() {
        // Given a private deployment behind CloudFront
        TicketHandler handler = privateHandler();
        AtomicReference<APIGatewayV2HTTPResponse> answer = new AtomicReference<>();

        // When a ticket is issued, everything printed captured
        printed.capture(() -> answer.set(handler.handleRequest(
                viaCloudFront("POST", TicketHandler.UPLOADS, UPLOAD_TOKEN, ticketBody()), CONTEXT)));

        // Then one line counts it, with both ids and the ticket's key, and is a valid EMF document
        assertEquals(201, answer.get().getStatusCode(), answer.get().getBody());
        JsonObject ticket = json(answer.get());
        JsonObject line = printed.assertOneMetric(TicketMetrics.TICKETS_ISSUED, null, null);
        assertEquals(1, printed.lines().size(), printed::text);
        assertEquals(TicketMetrics.FUNCTION, line.get("Function").getAsString());
        assertEquals(API_REQUEST_ID, line.get("requestId").getAsString());
        assertEquals(CONTEXT.getAwsRequestId(), line.get("lambdaRequestId").getAsString());
        assertEquals(ticket.get("key").getAsString(), "i/" + line.get("image").getAsString());
        assertEquals("7d", line.get("lifetime").getAsString());
        assertEquals("", printed.console(), "nothing on stdout or stderr but through the telemetry");

        // And none of what authorises anything is in it
        String uploadUrl = ticket.getAsJsonObject("upload").get("url").getAsString();
        String deleteToken = ticket.getAsJsonObject("delete").getAsJsonObject("headers")
                .get(DeleteToken.HEADER).getAsString();
        printed.assertNoneContains(UPLOAD_TOKEN, ORIGIN_SECRET, deleteToken, DeleteToken.hash(deleteToken),
                signature(uploadUrl), "X-Amz-Signature", "X-Amz-Credential", uploadUrl, SHA256, ticketBody());
    }

    @Test
    void aRefusal_isCountedByItsErrorCode_andTheWrongTokenIsNotPrinted() {
        TicketHandler handler = privateHandler();
        String wrongToken = "wrong-" + DeleteToken.mint();

        printed.capture(() -> {
            handler.handleRequest(viaCloudFront("POST", TicketHandler.UPLOADS, wrongToken, ticketBody()), CONTEXT);
            handler.handleRequest(viaCloudFront("POST", TicketHandler.UPLOADS, UPLOAD_TOKEN,
                    "{\"extension\":\"png\",\"size\":999999999999}"), null);
        });

        JsonObject unauthorized = printed.assertMetricLinesValid().get(0);
        assertEquals("unauthorized", unauthorized.get(TicketMetrics.ERROR_CODE).getAsString());
        assertEquals(1, unauthorized.get(TicketMetrics.REQUESTS_REFUSED).getAsInt());
        assertEquals(401, unauthorized.get("status").getAsInt());
        JsonObject tooLarge = printed.assertMetricLinesValid().get(1);
        assertEquals("too_large", tooLarge.get(TicketMetrics.ERROR_CODE).getAsString());
        assertEquals(API_REQUEST_ID, tooLarge.get("requestId").getAsString(), "API Gateway's id without a context");
        assertFalse(tooLarge.has("lambdaRequestId"), tooLarge::toString);
        assertEquals(2, printed.lines().size(), printed::text);
        printed.assertNoneContains(wrongToken, UPLOAD_TOKEN, ORIGIN_SECRET, SHA256, "999999999999");
    }

    @Test
    void anInternalError_logsItsWholeStackOnOneLine_andTellsTheCallerNothing() {
        // Given a handler whose signer fails (Mockito at the credentials seam)
        TicketHandler handler = new TicketHandler(config(Map.of()), SignerFailureTest.failingSigner())
                .withTelemetry(telemetry);
        AtomicReference<APIGatewayV2HTTPResponse> answer = new AtomicReference<>();

        // When a valid request fails on our side
        printed.capture(() -> answer.set(handler.handleRequest(
                viaCloudFront("POST", TicketHandler.UPLOADS, null, ticketBody()), CONTEXT)));

        // Then the caller gets the bare 500, and the operator one ERROR line with both ids and the whole stack
        assertEquals(500, answer.get().getStatusCode());
        assertFalse(answer.get().getBody().contains("Exception"), answer.get().getBody());
        JsonObject line = printed.assertOneMetric(TicketMetrics.INTERNAL_ERRORS, null, null);
        assertEquals(1, printed.lines().size(), "one line, so CloudWatch keeps one event: " + printed.text());
        assertEquals("ERROR", line.get("level").getAsString());
        assertEquals(API_REQUEST_ID, line.get("requestId").getAsString());
        assertEquals(CONTEXT.getAwsRequestId(), line.get("lambdaRequestId").getAsString());
        String trace = line.get("exception").getAsString();
        assertTrue(trace.startsWith(SdkClientException.class.getName() + ": Unable to load credentials"), trace);
        assertTrue(trace.contains("\tat dev.pinhole.tickets.signing.UploadSigner.presignPut("), trace);
        printed.assertNoneContains(ORIGIN_SECRET, SHA256);
    }

    @Test
    void everyOtherRequest_printsOneLineWithoutMetrics() {
        TicketHandler handler = new TicketHandler(config(Map.of(TicketConfig.ALLOWED_ORIGINS,
                "https://app.example")), TicketTesting.SIGNER).withTelemetry(telemetry);
        APIGatewayV2HTTPEvent preflight = TicketTesting.event("OPTIONS", TicketHandler.UPLOADS,
                Map.of("origin", "https://app.example", "access-control-request-method", "POST"), null, false);

        printed.capture(() -> {
            handler.handleRequest(TicketTesting.event("GET", TicketHandler.LIMITS, Map.of(), null, false), CONTEXT);
            handler.handleRequest(preflight, CONTEXT);
        });

        List<JsonObject> lines = printed.jsonLines();
        assertEquals(2, lines.size(), printed::text);
        assertEquals(List.of(), printed.assertMetricLinesValid(), "answers worth no metric");
        assertEquals(List.of("answered 200 " + TicketHandler.LIMITS, "answered 204 " + TicketHandler.UPLOADS),
                lines.stream().map(line -> line.get("event").getAsString() + " " + line.get("status").getAsInt()
                        + " " + line.get("route").getAsString()).toList());
        assertEquals(CONTEXT.getAwsRequestId(), lines.get(0).get("requestId").getAsString(),
                "Lambda's id when the event has none");
    }

    @Test
    void snapStartPriming_printsNothing_soItsTicketIsNotCounted() {
        SnapStartPriming priming = SnapStartPriming.register(config(Map.of()));
        AtomicReference<APIGatewayV2HTTPResponse> answer = new AtomicReference<>();

        printed.capture(() -> answer.set(priming.prime()));

        assertEquals(201, answer.get().getStatusCode(), "it did issue its ticket");
        assertEquals(List.of(), printed.lines());
    }

    /** The value of the presigned URL's X-Amz-Signature parameter. */
    private static String signature(String presignedUrl) {
        String query = URI.create(presignedUrl).getRawQuery();
        return Arrays.stream(query.split("&")).filter(part -> part.startsWith("X-Amz-Signature="))
                .map(part -> URLDecoder.decode(part.substring("X-Amz-Signature=".length()), StandardCharsets.UTF_8))
                .findFirst().orElseThrow();
    }
}
