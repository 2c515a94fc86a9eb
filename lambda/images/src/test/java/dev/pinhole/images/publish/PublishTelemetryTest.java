package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.testkit.LambdaContext;
import dev.pinhole.testkit.PrintedLines;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the publisher prints, run on a real S3 (S3Proxy): one line per upload with the Lambda request id, every line
 * with metrics a valid embedded-metric-format document (judged by the testkit's EmfSpecification), and never the
 * delete token's hash the upload carries, nor image bytes.
 */
class PublishTelemetryTest {
    static final LambdaContext CONTEXT = new LambdaContext("pinhole-publisher", "3f1c7a52-9d0e-4b8a-a6f2-5e4d3c2b1a09");
    static TestBucket bucket;
    private final PrintedLines printed = new PrintedLines();
    private final Telemetry telemetry = new Telemetry(PublisherMetrics.FUNCTION, Telemetry.Style.JSON,
            printed.sink(), Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    private PublishHandler handler(FormatLookup formats, S3Client s3) {
        return new PublishHandler(s3, TestBucket.NAME, formats, PublishLimits.DEFAULT, PublishHandlerTest.CLOCK)
                .withTelemetry(telemetry);
    }

    /** An upload as its ticket's signed PUT leaves it: with the delete token's hash and a lifetime. */
    private static ImageKey upload(byte[] bytes, String token) {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), bytes, Map.of(ImageMetadata.DELETE_HASH, DeleteToken.hash(token),
                ImageMetadata.LIFETIME, "7d", ImageMetadata.REMOVE_AFTER, "2026-12-01T14:02:35Z"));
        return key;
    }

    private void deliver(PublishHandler handler, ImageKey key) {
        printed.capture(() -> handler.handleRequest(Events.s3("s3-object-created-put.json", key.uploadKey()),
                CONTEXT));
    }

    /**
     * Delivers a fresh upload's event, and once more with another upload when the outcome was a repeat: over the
     * JDK's HttpURLConnection the SDK now and then retries a PUT S3Proxy had stored, which then meets If-None-Match
     * (see PublishHandlerTest.assertFirst), and a repeat is rightly not counted again.
     */
    private ImageKey deliverFirst(PublishHandler handler, Supplier<ImageKey> upload) {
        for (int attempt = 1; ; attempt++) {
            printed.clear();
            ImageKey key = upload.get();
            deliver(handler, key);
            boolean repeat = printed.jsonLines().stream()
                    .anyMatch(line -> line.has("outcome") && line.get("outcome").getAsString().startsWith("already_"));
            if (!repeat || attempt == 3) {
                return key;
            }
        }
    }

    @Test
    void aPublishedUpload_isOneLine_withItsLatencyAndBytes_andNotTheDeleteTokensHash() {
        String token = DeleteToken.mint();
        byte[] image = TinyFormat.image(30, 20, true);
        ImageKey key = deliverFirst(handler(PublishHandlerTest.TINY_AS_PNG, bucket.client()),
                () -> upload(image, token));

        assertTrue(bucket.exists(key.publicKey()), "published");
        JsonObject line = printed.assertOneMetric(PublisherMetrics.UPLOADS_PUBLISHED, null, null);
        assertEquals(1, printed.lines().size(), printed::text);
        assertEquals(CONTEXT.getAwsRequestId(), line.get("requestId").getAsString());
        assertEquals(key.name(), line.get("image").getAsString());
        assertEquals("published", line.get("outcome").getAsString());
        assertEquals(bucket.get(key.publicKey()).orElseThrow().length, line.get(PublisherMetrics.BYTES_PUBLISHED)
                .getAsLong(), "the cleaned size");
        assertEquals("location", line.get("removed").getAsString());
        assertTrue(line.has(PublisherMetrics.PUBLISH_LATENCY), line::toString);
        assertTrue(line.toString().contains("{\"Name\":\"PublishLatency\",\"Unit\":\"Milliseconds\"}"), line::toString);
        assertEquals("", printed.console(), "nothing on stdout or stderr but through the telemetry");
        printed.assertNoneContains(token, DeleteToken.hash(token), "X-Amz-Signature", TestBucket.NAME + "/u/");
    }

    @Test
    void aRefusedUpload_isCountedByItsReason() {
        String token = DeleteToken.mint();
        deliverFirst(handler(PublishHandlerTest.TINY_AS_PNG, bucket.client()),
                () -> upload("not an image at all".getBytes(StandardCharsets.US_ASCII), token));

        JsonObject line = printed.assertOneMetric(PublisherMetrics.UPLOADS_REFUSED, PublisherMetrics.REASON,
                "not_an_image");
        assertEquals("refused", line.get("outcome").getAsString());
        assertEquals("INFO", line.get("level").getAsString(), "a refusal is the publisher doing its job");
        assertEquals(1, printed.lines().size(), printed::text);
        printed.assertNoneContains(token, DeleteToken.hash(token), "not an image at all");
    }

    @Test
    void aFormatThatThrows_isABugOnTheUploadsOneLine_withItsStack_andTheUploadIsRefusedAsMalformed() {
        ImageFormat buggy = new ImageFormat() {
            @Override
            public Inspection inspect(byte[] image, InspectionLimits limits) {
                throw new ArrayIndexOutOfBoundsException("Index 9 out of bounds for length 9");
            }

            @Override
            public Cleaning clean(byte[] image, MetadataPolicy policy) {
                return Cleaning.unchanged(image);
            }
        };
        deliverFirst(handler(extension -> Optional.of(buggy), bucket.client()),
                () -> upload(TinyFormat.image(3, 3, false), DeleteToken.mint()));

        JsonObject line = printed.assertOneMetric(PublisherMetrics.FORMAT_BUGS, PublisherMetrics.REASON, "malformed");
        assertEquals(1, line.get(PublisherMetrics.UPLOADS_REFUSED).getAsInt(), line::toString);
        assertEquals("ERROR", line.get("level").getAsString());
        assertTrue(line.get("exception").getAsString().startsWith("java.lang.ArrayIndexOutOfBoundsException: Index 9"),
                line::toString);
        assertTrue(line.get("exception").getAsString().contains("\tat dev.pinhole.images.publish.ImageCheck.check("),
                line::toString);
        assertEquals(1, printed.lines().size(), printed::text);
    }

    @Test
    void s3Failing_isLoggedWholeWithTheRequestId_andThrownForLambdasRetry() {
        String token = DeleteToken.mint();
        ImageKey key = upload(TinyFormat.image(4, 4, false), token);
        S3Client failing = mock(S3Client.class, withSettings().defaultAnswer(
                AdditionalAnswers.delegatesTo(bucket.client())));
        doThrow(S3Exception.builder().statusCode(503).message("SlowDown").build()).when(failing)
                .putObject(org.mockito.ArgumentMatchers.<PutObjectRequest>argThat(
                        request -> request != null && request.key().equals(key.publicKey())),
                        any(RequestBody.class));
        PublishHandler handler = handler(PublishHandlerTest.TINY_AS_PNG, failing);

        printed.capture(() -> assertThrows(S3Exception.class, () -> handler.handleRequest(
                Events.s3("s3-object-created-put.json", key.uploadKey()), CONTEXT)));

        JsonObject line = printed.assertOneMetric(PublisherMetrics.PUBLISH_FAILURES, null, null);
        assertEquals("ERROR", line.get("level").getAsString());
        assertEquals(CONTEXT.getAwsRequestId(), line.get("requestId").getAsString());
        assertTrue(line.get("exception").getAsString().contains("SlowDown"), line::toString);
        assertFalse(line.has(PublisherMetrics.UPLOADS_PUBLISHED), line::toString);
        assertTrue(bucket.exists(key.uploadKey()), "the upload waits for the retry");
        printed.assertNoneContains(token, DeleteToken.hash(token));
    }

    @Test
    void aRecordOfAnotherBucket_isAWarningWithoutMetrics() {
        printed.capture(() -> handler(PublishHandlerTest.TINY_AS_PNG, bucket.client()).handleRequest(Events.s3Json(
                Events.text("s3-object-created-put.json").replace("\"" + TestBucket.NAME + "\"", "\"elsewhere\"")),
                CONTEXT));

        List<JsonObject> lines = printed.jsonLines();
        assertEquals(1, lines.size(), printed::text);
        assertEquals("record_ignored", lines.get(0).get("event").getAsString());
        assertEquals("WARN", lines.get(0).get("level").getAsString());
        assertEquals(List.of(), printed.assertMetricLinesValid());
    }
}
