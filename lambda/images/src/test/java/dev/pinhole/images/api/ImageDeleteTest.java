package dev.pinhole.images.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.WireLog;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.publish.Outcome;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublishLimits;
import dev.pinhole.images.store.RefusalRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * DELETE /api/images/{name} against a real S3 (S3Proxy), with the publisher working on the same bucket: the token,
 * what each answer leaves behind, and the races with a publish in progress.
 */
class ImageDeleteTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T19:30:00Z"), ZoneOffset.UTC);
    static TestBucket bucket;
    static ImageApiHandler api;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
        api = new ImageApiHandler(ImageApiHandlerTest.config(Optional.of(URI.create(ImageApiHandlerTest.SITE)),
                Optional.empty()), bucket.client(), CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    /** An image whose ticket carried this token: its upload, as the signed PUT leaves it. */
    static ImageKey upload(String token) {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(3, 3, false), Map.of(ImageMetadata.DELETE_HASH,
                DeleteToken.hash(token)));
        return key;
    }

    static List<Outcome> publish(ImageKey key, S3Client s3, ImageFormat format) {
        PublishHandler publisher = new PublishHandler(s3, TestBucket.NAME, extension -> Optional.of(format),
                PublishLimits.DEFAULT, CLOCK);
        return publisher.publishAll(Events.s3("s3-object-created-put.json", key.uploadKey()));
    }

    static ImageKey published(String token) {
        ImageKey key = upload(token);
        publish(key, bucket.client(), new TinyFormat());
        assertTrue(bucket.exists(key.publicKey()));
        return key;
    }

    static APIGatewayV2HTTPResponse delete(ImageKey key, String token) {
        APIGatewayV2HTTPEvent event = Events.http("delete-image.json", "/api/images/" + key.name());
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (token != null) {
            headers.put(DeleteToken.HEADER, token);
        }
        event.setHeaders(headers);
        return api.handleRequest(event, null);
    }

    static String errorCode(APIGatewayV2HTTPResponse response) {
        return ImageApiHandlerTest.json(response).getAsJsonObject("error").get("code").getAsString();
    }

    static String state(ImageKey key) {
        return ImageApiHandlerTest.json(ImageApiHandlerTest.status(api, key)).get("state").getAsString();
    }

    @Test
    void rightToken_onAPublishedImage_deletesIt_leavesATombstoneAndAnInvalidationMarker() {
        // Given a published image and its ticket's token
        String token = DeleteToken.mint();
        ImageKey key = published(token);

        // When it is deleted with that token
        APIGatewayV2HTTPResponse response = delete(key, token);

        // Then the answer says so, the link's object is gone, and the name is tombstoned and marked for CloudFront
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"state\":\"deleted\"}", response.getBody());
        assertEquals("no-store", response.getHeaders().get("cache-control"));
        assertFalse(bucket.exists(key.publicKey()));
        RefusalRecord tombstone = RefusalRecord.parse(bucket.get(key.refusalKey()).orElseThrow()).orElseThrow();
        assertEquals(RefusalRecord.tombstone(CLOCK.instant()), tombstone);
        assertArrayEquals(new byte[0], bucket.get(key.pendingInvalidationKey()).orElseThrow());
        // and the status says deleted
        assertEquals("deleted", state(key));
    }

    static List<String> wrongTokens() {
        String token = "x".repeat(43);
        return List.of(DeleteToken.mint(), token.substring(0, 42), token + "x", "", " ", "Bearer " + token,
                DeleteToken.hash(token), "é".repeat(43), "a,b", "\u0000".repeat(43), "y".repeat(10_000));
    }

    @ParameterizedTest
    @MethodSource("wrongTokens")
    void wrongToken_is403_andNothingChanges(String presented) {
        String token = "x".repeat(43);
        ImageKey key = published(token);
        byte[] image = bucket.get(key.publicKey()).orElseThrow();

        APIGatewayV2HTTPResponse response = delete(key, presented);

        assertEquals(403, response.getStatusCode());
        assertEquals("delete_token_invalid", errorCode(response));
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
        assertFalse(bucket.exists(key.refusalKey()));
        assertFalse(bucket.exists(key.pendingInvalidationKey()));
        assertEquals("published", state(key));
    }

    @Test
    void missingToken_truncatedToken_andAnotherImagesToken_are403() {
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        String otherToken = DeleteToken.mint();
        published(otherToken);

        assertEquals(403, delete(key, null).getStatusCode());
        assertEquals(403, delete(key, token.substring(0, token.length() - 1)).getStatusCode());
        assertEquals(403, delete(key, otherToken).getStatusCode());
        assertTrue(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.refusalKey()));
    }

    @Test
    void imageWithoutADeleteHash_cannotBeDeleted() {
        // Given an image published before delete links existed
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(3, 3, false));
        publish(key, bucket.client(), new TinyFormat());

        assertEquals(403, delete(key, DeleteToken.mint()).getStatusCode());
        assertEquals(403, delete(key, null).getStatusCode());
        assertTrue(bucket.exists(key.publicKey()));
    }

    @Test
    void secondDelete_is410Gone_whateverTheToken() {
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        assertEquals(200, delete(key, token).getStatusCode());

        APIGatewayV2HTTPResponse again = delete(key, token);
        APIGatewayV2HTTPResponse wrong = delete(key, DeleteToken.mint());

        assertEquals(410, again.getStatusCode());
        assertEquals("gone", errorCode(again));
        assertEquals("This image was deleted.", ImageApiHandlerTest.json(again).getAsJsonObject("error")
                .get("message").getAsString());
        assertEquals(410, wrong.getStatusCode());
    }

    @Test
    void deleteBeforePublish_removesTheUpload_andTheNameIsNeverPublished() {
        // Given an upload the publisher has not reached yet
        String token = DeleteToken.mint();
        ImageKey key = upload(token);
        assertEquals("checking", state(key));

        // When it is deleted
        assertEquals(200, delete(key, token).getStatusCode());

        // Then the upload is gone and the name tombstoned; nothing was public, so nothing to invalidate
        assertFalse(bucket.exists(key.uploadKey()));
        assertTrue(RefusalRecord.parse(bucket.get(key.refusalKey()).orElseThrow()).orElseThrow().isTombstone());
        assertFalse(bucket.exists(key.pendingInvalidationKey()));
        // and its event, delivered late, finds the tombstone: nothing is published
        assertEquals(List.of(Outcome.ALREADY_REFUSED), publish(key, bucket.client(), new TinyFormat()));
        // and the used ticket replayed (its upload key is free again) is dropped: the link never appears
        bucket.put(key.uploadKey(), TinyFormat.image(3, 3, false), Map.of(ImageMetadata.DELETE_HASH,
                DeleteToken.hash(token)));
        assertEquals(List.of(Outcome.ALREADY_REFUSED), publish(key, bucket.client(), new TinyFormat()));
        assertFalse(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.uploadKey()));
        assertEquals("deleted", state(key));
    }

    @Test
    void wrongTokenBeforePublish_is403_andTheUploadIsStillPublished() {
        String token = DeleteToken.mint();
        ImageKey key = upload(token);

        assertEquals(403, delete(key, DeleteToken.mint()).getStatusCode());

        assertTrue(bucket.exists(key.uploadKey()));
        List<Outcome> outcomes = publish(key, bucket.client(), new TinyFormat());
        // ALREADY_PUBLISHED when the SDK retried a PUT the store had stored (see PublishHandlerTest.assertFirst)
        assertTrue(outcomes.equals(List.of(Outcome.PUBLISHED)) || outcomes.equals(List.of(Outcome.ALREADY_PUBLISHED)),
                outcomes.toString());
        assertTrue(bucket.exists(key.publicKey()));
    }

    @Test
    void deleteDuringTheCheck_tombstoneBeforeThePublicPut_theImageIsWithdrawn() {
        // Given a publisher that has read the upload and is checking it when the delete comes
        String token = DeleteToken.mint();
        ImageKey key = upload(token);
        List<Integer> statuses = new java.util.ArrayList<>();
        ImageFormat slowCheck = new DelegatingFormat(new TinyFormat(), () -> statuses.add(
                delete(key, token).getStatusCode()));

        // When the publisher goes on after the delete (which found the upload, tombstoned it, deleted it)
        List<Outcome> outcomes = publish(key, bucket.client(), slowCheck);

        // Then the image it wrote is removed again, its link marked for invalidation; the name stays deleted
        assertEquals(List.of(200), statuses);
        assertEquals(List.of(Outcome.WITHDRAWN), outcomes);
        assertFalse(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.uploadKey()));
        assertTrue(bucket.exists(key.pendingInvalidationKey()));
        assertEquals("deleted", state(key));
    }

    @Test
    void deleteRightAfterThePublicPut_beforeThePublishersLook_theImageIsDeletedOnce() {
        // Given a publisher whose client lets a delete in right after S3 stored the public image
        String token = DeleteToken.mint();
        ImageKey key = upload(token);
        WireLog wire = new WireLog();
        List<Integer> statuses = new java.util.ArrayList<>();
        wire.afterEach(request -> {
            if (request.method().name().equals("PUT") && request.encodedPath().endsWith(key.publicKey())
                    && statuses.isEmpty()) {
                statuses.add(delete(key, token).getStatusCode());
            }
        });

        // When it publishes
        List<Outcome> outcomes = publish(key, bucket.clientWith(wire), new TinyFormat());

        // Then the delete found the image published and took it back; the publisher saw the tombstone too
        assertEquals(List.of(200), statuses);
        assertEquals(List.of(Outcome.WITHDRAWN), outcomes);
        assertFalse(bucket.exists(key.publicKey()));
        assertTrue(bucket.exists(key.pendingInvalidationKey()));
        assertEquals("deleted", state(key));
    }

    @Test
    void publisherRetriedAfterItsPutFailedToBeFollowedByItsLook_stillWithdrawsADeletedImage() {
        // Given a name with both an image and a tombstone (a publisher died between its PUT and its look)
        ImageKey key = upload(DeleteToken.mint());
        bucket.put(key.publicKey(), TinyFormat.image(3, 3, false));
        bucket.put(key.refusalKey(), RefusalRecord.tombstone(CLOCK.instant()).toJson());

        // When the event is delivered again
        assertEquals(List.of(Outcome.WITHDRAWN), publish(key, bucket.client(), new TinyFormat()));

        // Then the image is gone
        assertFalse(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void uploadWhoseTombstoneIsThereAlready_isStillDeleted() {
        // Given the tombstone this delete's own PUT left when the SDK retried it (the retry answered 412)
        String token = DeleteToken.mint();
        ImageKey key = upload(token);
        bucket.put(key.refusalKey(), RefusalRecord.tombstone(CLOCK.instant()).toJson());

        assertEquals(200, delete(key, token).getStatusCode());

        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void uploadRefusedWhileTheDeleteLooked_is404_andTheRecordStays() {
        // Given an upload the publisher refused between the delete's look at it and its tombstone
        String token = DeleteToken.mint();
        ImageKey key = upload(token);
        bucket.put(key.refusalKey(), new RefusalRecord("truncated", "cut", Instant.EPOCH).toJson());

        assertEquals(404, delete(key, token).getStatusCode());

        assertEquals("truncated", RefusalRecord.parse(bucket.get(key.refusalKey()).orElseThrow()).orElseThrow().code());
    }

    @Test
    void refusedOrUnknownName_is404() {
        ImageKey refused = ImageKey.mint("png");
        bucket.put(refused.refusalKey(), new RefusalRecord("truncated", "cut", Instant.EPOCH).toJson());

        assertEquals("not_found", errorCode(delete(refused, DeleteToken.mint())));
        assertEquals(404, delete(ImageKey.mint("png"), DeleteToken.mint()).getStatusCode());
        assertFalse(RefusalRecord.parse(bucket.get(refused.refusalKey()).orElseThrow()).orElseThrow().isTombstone());
    }

    @Test
    void s3FailingAtTheTombstone_is500_andTheImageStays() {
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        S3Client failing = mock(S3Client.class, withSettings().defaultAnswer(
                AdditionalAnswers.delegatesTo(bucket.client())));
        doThrow(S3Exception.builder().statusCode(503).message("SlowDown").build()).when(failing)
                .putObject(any(PutObjectRequest.class), any(RequestBody.class));
        ImageApiHandler handler = new ImageApiHandler(ImageApiHandlerTest.config(
                Optional.of(URI.create(ImageApiHandlerTest.SITE)), Optional.empty()), failing, CLOCK);
        APIGatewayV2HTTPEvent event = Events.http("delete-image.json", "/api/images/" + key.name());
        event.setHeaders(Map.of(DeleteToken.HEADER, token));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(500, response.getStatusCode());
        assertTrue(bucket.exists(key.publicKey()));
        assertEquals(200, delete(key, token).getStatusCode(), "the client's retry finishes it");
    }

    @Test
    void tombstoneBesideAnUploadNotYetRemoved_readsDeleted_notChecking() {
        // A delete (or the publisher) writes the record first and removes the upload last; in between, the
        // status must already give the final answer.
        ImageKey key = upload(DeleteToken.mint());
        bucket.put(key.refusalKey(), RefusalRecord.tombstone(CLOCK.instant()).toJson());

        assertEquals("deleted", state(key));
    }

    @Test
    void s3FailingAtTheInvalidationMarker_is500_andTheImageStaysForTheRetry() {
        // The marker is written before the image is deleted: were it the other way round, a failure here would
        // leave an image gone from S3 whose CloudFront copy nothing would ever invalidate.
        String token = DeleteToken.mint();
        ImageKey key = published(token);
        S3Client failing = mock(S3Client.class, withSettings().defaultAnswer(
                AdditionalAnswers.delegatesTo(bucket.client())));
        doThrow(S3Exception.builder().statusCode(503).message("SlowDown").build()).when(failing)
                .putObject(org.mockito.ArgumentMatchers.<PutObjectRequest>argThat(
                        request -> request != null && request.key().equals(key.pendingInvalidationKey())),
                        any(RequestBody.class));
        ImageApiHandler handler = new ImageApiHandler(ImageApiHandlerTest.config(
                Optional.of(URI.create(ImageApiHandlerTest.SITE)), Optional.empty()), failing, CLOCK);
        APIGatewayV2HTTPEvent event = Events.http("delete-image.json", "/api/images/" + key.name());
        event.setHeaders(Map.of(DeleteToken.HEADER, token));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(500, response.getStatusCode());
        assertTrue(bucket.exists(key.publicKey()), "the image waits for the retry");
        assertEquals(200, delete(key, token).getStatusCode(), "the client's retry finishes it");
        assertFalse(bucket.exists(key.publicKey()));
        assertTrue(bucket.get(key.pendingInvalidationKey()).isPresent());
    }

    /** A format that runs something in the middle of its check: the moment between reading and writing. */
    private record DelegatingFormat(ImageFormat format, Runnable duringCheck) implements ImageFormat {
        @Override
        public Inspection inspect(byte[] image, InspectionLimits limits) {
            duringCheck.run();
            return format.inspect(image, limits);
        }

        @Override
        public dev.pinhole.images.format.Cleaning clean(byte[] image, dev.pinhole.images.format.MetadataPolicy policy) {
            return format.clean(image, policy);
        }
    }
}
