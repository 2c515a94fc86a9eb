package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.store.ImageBucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The publisher against a real S3 (S3Proxy), driven by S3 notification JSON as AWS documents it. */
class PublishHandlerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:02:35Z"), ZoneOffset.UTC);
    static final FormatLookup TINY_AS_PNG = extension -> "png".equals(extension)
            ? Optional.of(new TinyFormat()) : Optional.empty();
    static TestBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    static PublishHandler handler(FormatLookup formats, PublishLimits limits) {
        return new PublishHandler(bucket.client(), TestBucket.NAME, formats, limits, CLOCK);
    }

    static PublishHandler handler() {
        return handler(TINY_AS_PNG, PublishLimits.DEFAULT);
    }

    static List<Outcome> deliver(PublishHandler handler, ImageKey key) {
        return handler.publishAll(Events.s3("s3-object-created-put.json", key.uploadKey()));
    }

    /**
     * A first delivery's outcome. Over the JDK's HttpURLConnection a PUT is now and then retried by the SDK after
     * its first attempt was stored ("Error writing request body to server" once the store has answered); the
     * retry then meets If-None-Match and answers 412, which the publisher rightly reads as "already there".
     */
    static void assertFirst(Outcome expected, List<Outcome> outcomes, String what) {
        Outcome already = expected == Outcome.PUBLISHED ? Outcome.ALREADY_PUBLISHED : Outcome.ALREADY_REFUSED;
        assertTrue(outcomes.equals(List.of(expected)) || outcomes.equals(List.of(already)), what + ": " + outcomes);
    }

    static ImageKey upload(byte[] bytes) {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), bytes);
        return key;
    }

    @Test
    void validUpload_isPublishedByteForByte_withItsTypeAndImmutableCaching_andTheUploadIsDeleted() {
        // Given a valid image waiting under u/
        byte[] image = TinyFormat.image(30, 20, false);
        ImageKey key = upload(image);

        // When its ObjectCreated event is delivered
        List<Outcome> outcomes = deliver(handler(), key);

        // Then the same bytes are public under i/, with the type's Content-Type and the year-long cache header
        assertFirst(Outcome.PUBLISHED, outcomes, "");
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
        HeadObjectResponse head = bucket.head(key.publicKey());
        assertEquals("image/png", head.contentType());
        assertEquals(ImageBucket.CACHE_FOREVER, head.cacheControl());
        assertEquals(Map.of(ImageMetadata.REMOVED, "none"), head.metadata());
        // and the upload and any refusal record are gone
        assertFalse(bucket.exists(key.uploadKey()));
        assertFalse(bucket.exists(key.refusalKey()));
    }

    @Test
    void uploadWithMetadata_isPublishedCleaned_andTheImageSaysWhatWasRemoved() {
        // Given an image carrying a location block
        byte[] image = TinyFormat.image(10, 10, true);
        ImageKey key = upload(image);

        // When it is published
        assertFirst(Outcome.PUBLISHED, deliver(handler(), key), "");

        // Then the public image is the cleaned one, and its metadata names what was taken out
        assertArrayEquals(Arrays.copyOf(image, image.length - 12), bucket.get(key.publicKey()).orElseThrow());
        assertEquals("location", bucket.head(key.publicKey()).metadata().get(ImageMetadata.REMOVED));
    }

    static Stream<Arguments> refusals() {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        byte[] valid = TinyFormat.image(40, 40, false);
        byte[] trailing = Arrays.copyOf(valid, valid.length + 100);
        return Stream.of(
                Arguments.of("random bytes", random, "not_an_image"),
                Arguments.of("truncated", Arrays.copyOf(valid, 500), "truncated"),
                Arguments.of("trailing data", trailing, "trailing_data"),
                Arguments.of("zero width", TinyFormat.image(0, 5, false), "no_pixels"),
                Arguments.of("header only", "TINY".getBytes(StandardCharsets.US_ASCII), "truncated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void invalidUpload_isRefusedWithItsReason_nothingIsPublished_andTheUploadIsDeleted(
            String what, byte[] bytes, String code) {
        // Given an upload that is no valid image of its pinned type
        ImageKey key = upload(bytes);

        // When its event is delivered
        List<Outcome> outcomes = deliver(handler(), key);

        // Then it is refused: a record with the reason, no public image, no upload left
        assertFirst(Outcome.REFUSED, outcomes, what);
        assertFalse(bucket.exists(key.publicKey()), what);
        assertFalse(bucket.exists(key.uploadKey()), what);
        JsonObject record = JsonParser.parseString(new String(bucket.get(key.refusalKey()).orElseThrow(),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(code, record.get("code").getAsString(), what);
        assertFalse(record.get("message").getAsString().isBlank());
        assertEquals("2026-11-24T14:02:35Z", record.get("refusedAt").getAsString());
    }

    @Test
    void pixelBomb_isRefusedByTheConfiguredLimit() {
        ImageKey key = upload(TinyFormat.image(100, 100, false));
        PublishLimits limits = new PublishLimits(PublishLimits.DEFAULT_MAX_BYTES,
                new InspectionLimits(9_999, 10, 100), MetadataPolicy.PRIVACY_DEFAULT);

        assertFirst(Outcome.REFUSED, deliver(handler(TINY_AS_PNG, limits), key), "");

        assertTrue(new String(bucket.get(key.refusalKey()).orElseThrow(), StandardCharsets.UTF_8)
                .contains("\"too_many_pixels\""));
    }

    @Test
    void uploadOverTheSizeLimit_isRefusedAsTooLarge() {
        ImageKey key = upload(TinyFormat.image(50, 50, false));
        PublishLimits limits = new PublishLimits(1000, InspectionLimits.DEFAULT, MetadataPolicy.PRIVACY_DEFAULT);

        assertFirst(Outcome.REFUSED, deliver(handler(TINY_AS_PNG, limits), key), "");

        assertTrue(new String(bucket.get(key.refusalKey()).orElseThrow(), StandardCharsets.UTF_8)
                .contains("\"too_large\""));
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void typeWithoutAFormat_isRefusedAsUnsupported_neverPublishedUnchecked() {
        ImageKey key = upload(TinyFormat.image(5, 5, false));

        assertFirst(Outcome.REFUSED, deliver(handler(extension -> Optional.empty(), PublishLimits.DEFAULT),
                key), "");

        assertFalse(bucket.exists(key.publicKey()));
        assertTrue(new String(bucket.get(key.refusalKey()).orElseThrow(), StandardCharsets.UTF_8)
                .contains("\"unsupported_type\""));
    }

    @Test
    void formatThatThrows_isABugThatRefusesTheUpload_insteadOfFailingTheInvocation() {
        // Given a format with a bug: it throws something other than a Refusal
        ImageFormat broken = new BrokenFormat();
        ImageKey key = upload(TinyFormat.image(5, 5, false));

        // When the upload is checked with it, the handler returns (no retry storm) and refuses as malformed
        assertFirst(Outcome.REFUSED, deliver(handler(extension -> Optional.of(broken),
                PublishLimits.DEFAULT), key), "");
        assertTrue(new String(bucket.get(key.refusalKey()).orElseThrow(), StandardCharsets.UTF_8)
                .contains("\"malformed\""));
    }

    @Test
    void duplicateEvent_afterPublishing_changesNothing() {
        byte[] image = TinyFormat.image(8, 8, false);
        ImageKey key = upload(image);
        PublishHandler handler = handler();
        assertFirst(Outcome.PUBLISHED, deliver(handler, key), "");

        // When S3 delivers the same event again
        List<Outcome> again = deliver(handler, key);

        // Then there is nothing left to do, and the image is as it was
        assertEquals(List.of(Outcome.ALREADY_PUBLISHED), again);
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
    }

    @Test
    void replayedTicketAfterPublishing_cannotReplaceTheImage() {
        byte[] first = TinyFormat.image(8, 8, false);
        ImageKey key = upload(first);
        PublishHandler handler = handler();
        deliver(handler, key);

        // Given the used ticket's PUT replayed with other valid bytes (u/ is free again once the upload is deleted)
        bucket.put(key.uploadKey(), TinyFormat.image(9, 9, false));

        // When its event arrives
        assertEquals(List.of(Outcome.ALREADY_PUBLISHED), deliver(handler, key));

        // Then the link keeps the first image, and the replayed upload is dropped
        assertArrayEquals(first, bucket.get(key.publicKey()).orElseThrow());
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void replayedTicketAfterARefusal_cannotPublishTheRefusedName() {
        ImageKey key = upload("not an image at all".getBytes(StandardCharsets.US_ASCII));
        PublishHandler handler = handler();
        assertFirst(Outcome.REFUSED, deliver(handler, key), "");

        // Given the ticket replayed with a valid image
        bucket.put(key.uploadKey(), TinyFormat.image(9, 9, false));

        // When its event arrives, the name stays refused
        assertEquals(List.of(Outcome.ALREADY_REFUSED), deliver(handler, key));
        assertFalse(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void eventForAnUploadAlreadyHandled_isDone() {
        ImageKey key = ImageKey.mint("png");

        assertEquals(List.of(Outcome.UPLOAD_GONE), deliver(handler(), key));
        assertFalse(bucket.exists(key.refusalKey()));
    }

    @Test
    void twoPublishersRacingOnOneUpload_endWithOneImage() throws Exception {
        byte[] image = TinyFormat.image(200, 200, false);
        ImageKey key = upload(image);
        PublishHandler one = handler();
        PublishHandler two = handler();

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> deliver(one, key));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> deliver(two, key));
        List<Outcome> outcomes = List.of(first.get().get(0), second.get().get(0));

        assertTrue(outcomes.stream().allMatch(o -> o == Outcome.PUBLISHED || o == Outcome.ALREADY_PUBLISHED
                || o == Outcome.UPLOAD_GONE), outcomes.toString());
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
        assertFalse(bucket.exists(key.uploadKey()));
        assertFalse(bucket.exists(key.refusalKey()));
    }

    static Stream<Arguments> notUploads() {
        ImageKey key = ImageKey.mint("png");
        return Stream.of(
                Arguments.of("an object under i/", Events.s3("s3-object-created-put.json", key.publicKey())),
                Arguments.of("a refusal record", Events.s3("s3-object-created-put.json", key.refusalKey())),
                Arguments.of("a temp file", Events.s3("s3-object-created-put.json", key.uploadKey() + "-tmp")),
                Arguments.of("a key no ticket mints", Events.s3("s3-object-created-put.json", "u/..%2F..%2Fetc.png")),
                Arguments.of("a bad escape", Events.s3("s3-object-created-put.json", "u/%ZZ.png")),
                Arguments.of("another bucket", Events.s3Json(Events.text("s3-object-created-put.json")
                        .replace("\"name\": \"pinhole-images\"", "\"name\": \"other-bucket\"")
                        .replace("u/q3Lr0w9xT0m5QmJ7cV2b1A.png", key.uploadKey()))),
                Arguments.of("a delete event", Events.s3("s3-object-removed-delete.json", key.uploadKey())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUploads")
    void recordsThatAreNotUploadsOfThisStack_areIgnored(String what, com.amazonaws.services.lambda.runtime.events.S3Event event) {
        List<String> before = bucket.keys();

        assertEquals(List.of(Outcome.IGNORED), handler().publishAll(event), what);

        assertEquals(before, bucket.keys(), what);
    }

    @Test
    void s3TestEvent_withoutRecords_isIgnored() {
        var event = Events.s3Json(Events.text("s3-test-event.json"));

        assertEquals(List.of(), handler().publishAll(event));
        handler().handleRequest(null, null);
    }

    /** A format with a bug, as the fuzz tests look for: an exception that is not a Refusal. */
    static final class BrokenFormat implements ImageFormat {
        @Override
        public dev.pinhole.images.format.Inspection inspect(byte[] image, InspectionLimits limits) {
            throw new ArrayIndexOutOfBoundsException(image.length);
        }

        @Override
        public dev.pinhole.images.format.Cleaning clean(byte[] image, MetadataPolicy policy) {
            throw new AssertionError("never called");
        }
    }
}
