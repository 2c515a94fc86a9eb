package dev.pinhole.images.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublishLimits;
import dev.pinhole.images.publish.PublisherMetrics;
import dev.pinhole.testkit.LambdaContext;
import dev.pinhole.testkit.PrintedLines;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the image API prints, run on a real S3 (S3Proxy) behind CloudFront (with the origin secret): one line per
 * request with API Gateway's and Lambda's ids, every line with metrics a valid embedded-metric-format document
 * (judged by the testkit's EmfSpecification), and never the delete token, right or wrong, nor its hash, nor the
 * origin secret.
 */
class ImageApiTelemetryTest {
    static final String API_REQUEST_ID = "JKJcLhPLvHcEJnw=";
    static final LambdaContext CONTEXT = new LambdaContext("pinhole-images", "c0ffee00-1d2e-4f3a-8b7c-6d5e4f3a2b1c");
    static TestBucket bucket;
    private final PrintedLines printed = new PrintedLines();
    private final Telemetry telemetry = new Telemetry(ImageApiMetrics.FUNCTION, Telemetry.Style.JSON,
            printed.sink(), Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    private ImageApiHandler handler(S3Client s3) {
        return new ImageApiHandler(ImageApiHandlerTest.config(Optional.empty(),
                Optional.of(ImageApiHandlerTest.SECRET)), s3).withTelemetry(telemetry);
    }

    /** A published image whose ticket carried {@code token}. */
    private static ImageKey published(String token) {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(3, 3, false), Map.of(ImageMetadata.DELETE_HASH,
                DeleteToken.hash(token)));
        new PublishHandler(bucket.client(), TestBucket.NAME, extension -> Optional.of(new TinyFormat()),
                PublishLimits.DEFAULT, Clock.systemUTC()).withTelemetry(new Telemetry(PublisherMetrics.FUNCTION,
                Telemetry.Style.JSON, line -> {
                }, Clock.systemUTC())).publishAll(Events.s3("s3-object-created-put.json", key.uploadKey()));
        assertTrue(bucket.exists(key.publicKey()));
        return key;
    }

    /** A request as CloudFront forwards it: the origin secret, the viewer's host, the token when there is one. */
    private static APIGatewayV2HTTPEvent viaCloudFront(String method, ImageKey key, String token) {
        APIGatewayV2HTTPEvent event = Events.http("get-image-status-via-cloudfront.json", "/api/images/" + key.name());
        event.getRequestContext().getHttp().setMethod(method);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (token != null) {
            headers.put(DeleteToken.HEADER, token);
        }
        event.setHeaders(headers);
        return event;
    }

    private APIGatewayV2HTTPResponse send(ImageApiHandler handler, APIGatewayV2HTTPEvent event) {
        AtomicReference<APIGatewayV2HTTPResponse> answer = new AtomicReference<>();
        printed.capture(() -> answer.set(handler.handleRequest(event, CONTEXT)));
        return answer.get();
    }

    @Test
    void statusThenDeleteWithTheWrongTokenThenTheRightOne_eachOneLine_noTokenPrinted() {
        String token = DeleteToken.mint();
        String wrong = DeleteToken.mint();
        ImageKey key = published(token);
        ImageApiHandler handler = handler(bucket.client());

        assertEquals(200, send(handler, viaCloudFront("GET", key, null)).getStatusCode());
        assertEquals(403, send(handler, viaCloudFront("DELETE", key, wrong)).getStatusCode());
        assertEquals(200, send(handler, viaCloudFront("DELETE", key, token)).getStatusCode());

        assertEquals(3, printed.lines().size(), printed::text);
        JsonObject status = printed.assertOneMetric(ImageApiMetrics.STATUS_LOOKUPS, ImageApiMetrics.STATE,
                "published");
        JsonObject refused = printed.assertOneMetric(ImageApiMetrics.DELETES_REFUSED, ImageApiMetrics.ERROR_CODE,
                "delete_token_invalid");
        JsonObject deleted = printed.assertOneMetric(ImageApiMetrics.DELETES, null, null);
        for (JsonObject line : List.of(status, refused, deleted)) {
            assertEquals(API_REQUEST_ID, line.get("requestId").getAsString(), line::toString);
            assertEquals(CONTEXT.getAwsRequestId(), line.get("lambdaRequestId").getAsString(), line::toString);
            assertEquals(key.name(), line.get("image").getAsString(), line::toString);
        }
        assertEquals("", printed.console(), "nothing on stdout or stderr but through the telemetry");
        printed.assertNoneContains(token, wrong, DeleteToken.hash(token), DeleteToken.hash(wrong),
                ImageApiHandlerTest.SECRET);
    }

    @Test
    void aDeletedImage_isGoneOnTheNextDelete_andAnUnknownNameIsNotFound_countedByCode() {
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        ImageApiHandler handler = handler(bucket.client());
        send(handler, viaCloudFront("DELETE", key, token));

        assertEquals(410, send(handler, viaCloudFront("DELETE", key, token)).getStatusCode());
        assertEquals(404, send(handler, viaCloudFront("GET", ImageKey.mint("png"), null)).getStatusCode());

        printed.assertOneMetric(ImageApiMetrics.DELETES_REFUSED, ImageApiMetrics.ERROR_CODE, "gone");
        printed.assertOneMetric(ImageApiMetrics.REQUESTS_REFUSED, ImageApiMetrics.ERROR_CODE, "not_found");
        printed.assertNoneContains(token, DeleteToken.hash(token), ImageApiHandlerTest.SECRET);
    }

    @Test
    void s3Failing_isAnInternalErrorLoggedWhole_andTheCallerIsToldNothing() {
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        S3Client failing = mock(S3Client.class, withSettings().defaultAnswer(
                AdditionalAnswers.delegatesTo(bucket.client())));
        doThrow(S3Exception.builder().statusCode(503).message("SlowDown").build()).when(failing)
                .putObject(org.mockito.ArgumentMatchers.<PutObjectRequest>argThat(
                        request -> request != null && request.key().equals(key.refusalKey())),
                        any(RequestBody.class));

        APIGatewayV2HTTPResponse response = send(handler(failing), viaCloudFront("DELETE", key, token));

        assertEquals(500, response.getStatusCode());
        assertFalse(response.getBody().contains("SlowDown"), response.getBody());
        JsonObject line = printed.assertOneMetric(ImageApiMetrics.INTERNAL_ERRORS, null, null);
        assertEquals(1, printed.lines().size(), "one line, so CloudWatch keeps one event: " + printed.text());
        assertEquals("ERROR", line.get("level").getAsString());
        assertEquals(API_REQUEST_ID, line.get("requestId").getAsString());
        String trace = line.get("exception").getAsString();
        assertTrue(trace.contains("S3Exception: SlowDown") && trace.contains("\tat dev.pinhole.images.api.Deletion."),
                trace);
        printed.assertNoneContains(token, DeleteToken.hash(token), ImageApiHandlerTest.SECRET);
    }
}
