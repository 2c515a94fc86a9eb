package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.testkit.LambdaContext;
import dev.pinhole.testkit.PrintedLines;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * What the invalidator prints, against a real S3 (S3Proxy) and a stand-in CloudFront that checks SigV4: one line
 * per run with the Lambda request id and a line for each retry, every line with metrics a valid
 * embedded-metric-format document (judged by the testkit's EmfSpecification), and never the signing secret or
 * the request's signature.
 */
class InvalidationTelemetryTest {
    static final LambdaContext CONTEXT = new LambdaContext("pinhole-invalidator", "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e");
    static TestBucket bucket;
    FakeCloudFront cloudFront;
    InvalidationHandler handler;
    private final PrintedLines printed = new PrintedLines();

    @BeforeAll
    static void startBucket() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stopBucket() throws Exception {
        bucket.close();
    }

    @BeforeEach
    void start() throws Exception {
        bucket.clear(ImageKey.PENDING_INVALIDATION_PREFIX);
        cloudFront = new FakeCloudFront();
        CloudFrontInvalidations invalidations = new CloudFrontInvalidations(cloudFront.endpoint(),
                CloudFrontInvalidationsTest.DISTRIBUTION, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                CloudFrontInvalidationsTest.ACCESS_KEY, CloudFrontInvalidationsTest.SECRET)),
                UrlConnectionHttpClient.create());
        handler = new InvalidationHandler(bucket.config(), bucket.client(), invalidations,
                new Backoff(3, Duration.ofSeconds(2), wait -> {
                }, new Random(5))).withTelemetry(new Telemetry(InvalidatorMetrics.FUNCTION, Telemetry.Style.JSON,
                printed.sink(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        cloudFront.close();
    }

    /** Markers as deletes leave them; returns the link paths they stand for. */
    private static List<String> deleted(int count) {
        PendingInvalidations markers = new PendingInvalidations(bucket.client(), TestBucket.NAME);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageKey key = ImageKey.mint("png");
            markers.add(key);
            paths.add(key.linkPath());
        }
        return paths;
    }

    @Test
    void aBusyCloudFront_isOneRetryLine_thenOneRunLineCountingThePathsAndTheBatch() {
        List<String> paths = deleted(3);
        cloudFront.then(400, FakeCloudFront.error("Sender", "TooManyInvalidationsInProgress", "Busy."));

        printed.capture(() -> handler.handleRequest(Events.s3("s3-object-created-put.json",
                "p/q3Lr0w9xT0m5QmJ7cV2b1A.png"), CONTEXT));

        assertEquals(2, cloudFront.received().size());
        JsonObject retry = printed.assertOneMetric(InvalidatorMetrics.INVALIDATION_RETRIES, null, null);
        assertEquals("WARN", retry.get("level").getAsString());
        assertEquals("TooManyInvalidationsInProgress", retry.get("code").getAsString());
        JsonObject run = printed.assertOneMetric(InvalidatorMetrics.PATHS_INVALIDATED, null, null);
        assertEquals(paths.size(), run.get(InvalidatorMetrics.PATHS_INVALIDATED).getAsInt());
        assertEquals(1, run.get(InvalidatorMetrics.INVALIDATION_BATCHES).getAsInt());
        assertEquals("markers", run.get("trigger").getAsString());
        assertEquals(CONTEXT.getAwsRequestId(), run.get("requestId").getAsString());
        assertEquals(2, printed.lines().size(), printed::text);
        assertEquals("", printed.console(), "nothing on stdout or stderr but through the telemetry");
        printed.assertNoneContains(CloudFrontInvalidationsTest.SECRET, "Signature=", "Credential=");
    }

    @Test
    void cloudFrontFailingThroughEveryRetry_isAFailureLineWithTheException_thenThrown() {
        deleted(2);
        for (int i = 0; i < 3; i++) {
            cloudFront.then(503, FakeCloudFront.error("Receiver", "ServiceUnavailable", "Try again."));
        }

        printed.capture(() -> assertThrows(InvalidationFailure.class, () -> handler.handleRequest(null, CONTEXT)));

        JsonObject failure = printed.assertOneMetric(InvalidatorMetrics.INVALIDATION_FAILURES, null, null);
        assertEquals("ERROR", failure.get("level").getAsString());
        assertEquals("schedule", failure.get("trigger").getAsString());
        assertTrue(failure.get("exception").getAsString().contains("ServiceUnavailable"), failure::toString);
        assertEquals(2, printed.assertMetricLinesValid().stream()
                .filter(line -> line.has(InvalidatorMetrics.INVALIDATION_RETRIES)).count());
        printed.assertNoneContains(CloudFrontInvalidationsTest.SECRET, "Signature=", "Credential=");
    }

    @Test
    void nothingPending_isOneLineWithoutMetrics() {
        printed.capture(() -> handler.handleRequest(null, CONTEXT));

        assertEquals(1, printed.jsonLines().size(), printed::text);
        assertEquals(0, printed.jsonLines().get(0).get("paths").getAsInt());
        assertEquals(List.of(), printed.assertMetricLinesValid());
    }
}
