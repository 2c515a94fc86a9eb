package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.store.PendingInvalidations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The invalidator end to end: p/ markers in a real S3 (S3Proxy), CloudFront's API played by a JDK HttpServer, the
 * handler driven by the events S3 and EventBridge send. Backoff waits are recorded, not slept.
 */
class InvalidationHandlerTest {
    static TestBucket bucket;
    static PendingInvalidations markers;
    FakeCloudFront cloudFront;
    List<Duration> waits;
    InvalidationHandler handler;

    @BeforeAll
    static void startBucket() throws Exception {
        bucket = TestBucket.start();
        markers = new PendingInvalidations(bucket.client(), TestBucket.NAME);
    }

    @AfterAll
    static void stopBucket() throws Exception {
        bucket.close();
    }

    @BeforeEach
    void start() throws Exception {
        bucket.clear(ImageKey.PENDING_INVALIDATION_PREFIX);
        cloudFront = new FakeCloudFront();
        waits = new ArrayList<>();
        CloudFrontInvalidations invalidations = new CloudFrontInvalidations(cloudFront.endpoint(),
                CloudFrontInvalidationsTest.DISTRIBUTION, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                CloudFrontInvalidationsTest.ACCESS_KEY, CloudFrontInvalidationsTest.SECRET)),
                UrlConnectionHttpClient.create());
        handler = new InvalidationHandler(bucket.config(), bucket.client(), invalidations,
                new Backoff(4, Duration.ofSeconds(2), waits::add, new Random(3)));
    }

    @AfterEach
    void stop() {
        cloudFront.close();
    }

    static List<ImageKey> deleted(int count) {
        List<ImageKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageKey key = ImageKey.mint(i % 2 == 0 ? "png" : "jpg");
            markers.add(key);
            keys.add(key);
        }
        keys.sort(Comparator.comparing(ImageKey::pendingInvalidationKey));
        return keys;
    }

    static List<String> paths(List<ImageKey> keys) {
        return keys.stream().map(ImageKey::linkPath).toList();
    }

    static List<String> pathsIn(FakeCloudFront.Received request) {
        List<String> paths = new ArrayList<>();
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("<Path>([^<]*)</Path>").matcher(request.text());
        while (path.find()) {
            paths.add(path.group(1));
        }
        return paths;
    }

    @Test
    void fiveMarkers_areOneInvalidationOfTheirFiveLinks_andTheMarkersAreDeleted() throws Exception {
        // Given five images deleted close together
        List<ImageKey> keys = deleted(5);

        // When S3's event for the last marker arrives
        handler.handleRequest(Events.s3("s3-object-created-put.json", keys.get(4).pendingInvalidationKey()), null);

        // Then CloudFront got one signed request with all five paths
        assertEquals(1, cloudFront.received().size());
        FakeCloudFront.Received request = cloudFront.received().get(0);
        assertEquals(paths(keys), pathsIn(request));
        assertTrue(request.text().contains("<Quantity>5</Quantity>"), request.text());
        SigV4Check.assertSigned(request, CloudFrontInvalidationsTest.ACCESS_KEY, CloudFrontInvalidationsTest.SECRET,
                "us-east-1", "cloudfront");
        // and no marker is left
        assertEquals(List.of(), markers.list(3000));
    }

    @Test
    void busyCloudFront_isRetriedWithTheSameCallerReference_thenTheMarkersGo() {
        // Given CloudFront busy with other invalidations once
        List<ImageKey> keys = deleted(2);
        cloudFront.then(400, FakeCloudFront.error("Sender", "TooManyInvalidationsInProgress",
                "Processing your request will cause you to exceed the maximum number of in-progress wildcard "
                        + "invalidations."));

        // When the invalidator runs
        List<String> invalidated = handler.invalidatePending();

        // Then it waited once (1-2 s), asked again for the same batch, and removed the markers after the 201
        assertEquals(paths(keys), invalidated);
        assertEquals(2, cloudFront.received().size());
        assertEquals(1, waits.size());
        assertTrue(waits.get(0).compareTo(Duration.ofSeconds(1)) >= 0 && waits.get(0).compareTo(Duration.ofSeconds(2))
                <= 0, waits.toString());
        assertEquals(cloudFront.received().get(0).text(), cloudFront.received().get(1).text(),
                "the same batch and caller reference: CloudFront does not invalidate (or charge for) it twice");
        assertEquals(List.of(), markers.list(3000));
    }

    @Test
    void cloudFrontFailingThroughEveryRetry_throwsForLambdasRetry_andTheMarkersStay() {
        List<ImageKey> keys = deleted(3);
        for (int i = 0; i < 4; i++) {
            cloudFront.then(503, FakeCloudFront.error("Receiver", "ServiceUnavailable", "Try again."));
        }

        InvalidationFailure failure = assertThrows(InvalidationFailure.class, () -> handler.handleRequest(
                Events.s3("s3-object-created-put.json", keys.get(0).pendingInvalidationKey()), null));

        assertEquals("ServiceUnavailable", failure.code());
        assertEquals(4, cloudFront.received().size());
        assertEquals(3, waits.size());
        assertEquals(keys, markers.list(3000));
    }

    @Test
    void refusalThatWaitingCannotHelp_isThrownAtOnce_andTheMarkersStay() {
        List<ImageKey> keys = deleted(1);
        cloudFront.then(403, FakeCloudFront.error("Sender", "AccessDenied", "User is not authorized."));

        assertThrows(InvalidationFailure.class, () -> handler.invalidatePending());

        assertEquals(1, cloudFront.received().size());
        assertEquals(List.of(), waits);
        assertEquals(keys, markers.list(3000));
    }

    @Test
    void scheduledRun_invalidatesWhatIsLeft() {
        // Given markers an earlier run could not finish, and EventBridge's scheduled event (no S3 records)
        List<ImageKey> keys = deleted(2);

        handler.handleRequest(Events.s3Json(Events.text("eventbridge-scheduled.json")), null);

        assertEquals(List.of(paths(keys)), cloudFront.received().stream().map(InvalidationHandlerTest::pathsIn)
                .toList());
        assertEquals(List.of(), markers.list(3000));
    }

    @Test
    void nothingPending_sendsNothing() {
        assertEquals(List.of(), handler.invalidatePending());
        handler.handleRequest(null, null);

        assertEquals(List.of(), cloudFront.received());
    }

    @Test
    void markerWrittenWhileCloudFrontWorks_staysForTheNextRun() {
        // Given a delete that comes while the batch is in flight
        List<ImageKey> keys = deleted(2);
        ImageKey late = ImageKey.mint("png");
        cloudFront.then(201, FakeCloudFront.CREATED, () -> markers.add(late));

        // When the run ends
        handler.invalidatePending();

        // Then only the markers it invalidated are gone; the late one is the next run's
        assertEquals(paths(keys), pathsIn(cloudFront.received().get(0)));
        assertEquals(List.of(late), markers.list(3000));
        handler.invalidatePending();
        assertEquals(List.of(late.linkPath()), pathsIn(cloudFront.received().get(1)));
    }

    @Test
    void callerReference_isTheBatchsOwn() {
        List<String> batch = List.of("/i/a.png", "/i/b.png");

        assertEquals(InvalidationHandler.callerReference(batch), InvalidationHandler.callerReference(List.copyOf(batch)));
        assertTrue(!InvalidationHandler.callerReference(batch).equals(
                InvalidationHandler.callerReference(List.of("/i/a.png"))));
    }
}
