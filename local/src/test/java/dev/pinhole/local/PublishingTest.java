package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.google.gson.JsonObject;
import dev.pinhole.images.publish.Outcome;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The publish step end to end on the local stack, as a client lives it: the two-step upload, then the status
 * action until the image is published or refused, and what the link serves meanwhile. Duplicate events, a crash
 * inside a publish, replayed tickets and a restart with uploads waiting.
 */
class PublishingTest {
    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static JsonObject ticket(TicketClient client, String extension, byte[] image, boolean checksum) {
        Reply reply = client.requestTicket(extension, image, checksum);
        assertEquals(201, reply.status(), reply.text());
        return reply.json();
    }

    static URI link(JsonObject ticket) {
        return URI.create(ticket.get("url").getAsString());
    }

    static URI uploadUrl(JsonObject ticket) {
        return URI.create(ticket.getAsJsonObject("upload").get("url").getAsString());
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void upload_isNotServedUntilPublished_thenServedByteForByte() {
        // Given an uploaded image
        byte[] image = SampleImages.png(120, 80);
        JsonObject ticket = ticket(client, "png", image, true);
        assertEquals(200, client.upload(ticket, image).status());

        // When the client waits as the status action tells it to
        JsonObject outcome = client.awaitOutcome(ticket);

        // Then the status gives the link, and the link serves the very bytes with the ticket's type
        assertEquals("published", outcome.get("state").getAsString(), outcome.toString());
        assertEquals(ticket.get("url").getAsString(), outcome.get("url").getAsString());
        Reply served = client.get(link(ticket), Map.of());
        assertEquals(200, served.status());
        assertArrayEquals(image, served.body());
        assertEquals("image/png", served.header("content-type"));
        // and the upload itself goes: it was never served, and now it is not kept (the publisher deletes it after
        // the image is written and its last look for a delete, so "published" may be answered just before)
        String uploadKey = TicketClient.uploadKey(ticket);
        Await.until(() -> !stack.store().blobExists(stack.bucket(), uploadKey));
        assertFalse(stack.store().blobExists(stack.bucket(), uploadKey));
    }

    @Test
    void refusedUpload_isNeverServed_andTheStatusSaysWhy() {
        // Given bytes that are no image at all, sent on a png ticket
        byte[] junk = randomBytes(4096, 1);
        JsonObject ticket = ticket(client, "png", junk, true);
        assertEquals(200, client.upload(ticket, junk).status());

        // When the publisher has decided
        JsonObject outcome = client.awaitOutcome(ticket);

        // Then it is refused with its reason, and the link has never served anything
        assertEquals("refused", outcome.get("state").getAsString(), outcome.toString());
        assertEquals("not_an_image", outcome.getAsJsonObject("reason").get("code").getAsString());
        Reply link = client.get(link(ticket), Map.of());
        assertEquals(404, link.status());
        assertEquals("no-store", link.header("cache-control"));
        assertFalse(stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket)));
    }

    @Test
    void unknownName_statusIs404Json() {
        Reply status = client.get(stack.baseUrl().resolve("/api/images/AAAAAAAAAAAAAAAAAAAAAA.png"), Map.of());

        assertEquals(404, status.status());
        assertEquals("not_found", status.json().getAsJsonObject("error").get("code").getAsString());
    }

    @Test
    void sameEventDeliveredTwiceAndConcurrently_endsWithOneImage() throws Exception {
        // Given an upload stored without its event yet (straight into the store behind S3Proxy)
        byte[] image = SampleImages.png(64, 64);
        JsonObject ticket = ticket(client, "png", image, true);
        String uploadKey = TicketClient.uploadKey(ticket);
        BlobStore raw = ((ForwardingBlobStore) stack.store()).delegate();
        raw.putBlob(PutObjectRequest.builder().bucket(stack.bucket()).key(uploadKey).contentType("image/png")
                .contentLength((long) image.length).build(), new java.io.ByteArrayInputStream(image));

        // When its event arrives twice through the stack's delivery and twice more at once, straight to the publisher
        String event = S3Notifications.objectCreated(LocalStack.REGION, stack.bucket(), uploadKey, image.length,
                "etag", Instant.now(), "publish-uploads");
        stack.redeliver(uploadKey);
        stack.redeliver(uploadKey);
        var first = CompletableFuture.supplyAsync(() -> stack.publisher().publishAll(S3Notifications.parse(event)));
        var second = CompletableFuture.supplyAsync(() -> stack.publisher().publishAll(S3Notifications.parse(event)));
        List<Outcome> direct = List.of(first.get().get(0), second.get().get(0));

        // Then there is one image, the upload's bytes, and no refusal; every delivery ended without an error
        assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());
        assertArrayEquals(image, client.get(link(ticket), Map.of()).body());
        assertTrue(direct.stream().allMatch(o -> o == Outcome.PUBLISHED || o == Outcome.ALREADY_PUBLISHED
                || o == Outcome.UPLOAD_GONE), direct.toString());
        awaitNoEventsPending(stack);
        assertEquals(List.of(ticket.get("key").getAsString()), keysUnder(stack, "i/" + uploadKey.substring(2)));
        assertFalse(stack.store().blobExists(stack.bucket(), "r/" + uploadKey.substring(2) + ".json"));
    }

    @Test
    void replayedTicketAfterPublishing_theLinkKeepsTheFirstImage() {
        // Given a published image whose ticket carries no checksum, so other bytes of its size fit it
        byte[] first = SampleImages.png(90, 60);
        JsonObject ticket = ticket(client, "png", first, false);
        client.uploadAndAwaitPublished(ticket, first);
        // (the status says published once the image is written; the upload is deleted right after)
        awaitGone(TicketClient.uploadKey(ticket));

        // When the used ticket is replayed within its lifetime with another valid image of the same size
        byte[] other = first.clone();
        other[other.length - 30] ^= 0x7f;
        Reply replay = client.put(uploadUrl(ticket), TicketClient.headers(ticket), other);
        assertEquals(200, replay.status(), "S3 takes it: the upload key is free once the first was published");
        awaitGone(TicketClient.uploadKey(ticket));

        // Then the link still serves the first image, and the status is unchanged
        assertArrayEquals(first, client.get(link(ticket), Map.of()).body());
        assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());
    }

    @Test
    void replayedTicketAfterARefusal_cannotPublishTheName() {
        // Given a refused upload whose ticket has no checksum
        byte[] valid = SampleImages.png(70, 50);
        byte[] junk = randomBytes(valid.length, 2);
        JsonObject ticket = ticket(client, "png", junk, false);
        assertEquals(200, client.upload(ticket, junk).status());
        assertEquals("refused", client.awaitOutcome(ticket).get("state").getAsString());
        awaitGone(TicketClient.uploadKey(ticket));

        // When the ticket is replayed with a valid image of the same size
        assertEquals(200, client.put(uploadUrl(ticket), TicketClient.headers(ticket), valid).status());
        awaitGone(TicketClient.uploadKey(ticket));

        // Then the name stays refused and the link never serves
        assertEquals("refused", client.awaitOutcome(ticket).get("state").getAsString());
        assertEquals(404, client.get(link(ticket), Map.of()).status());
    }

    @Test
    void crashBetweenThePublicPutAndTheUploadsDelete_theRetryFinishes_withTheImageWholeAllAlong(@TempDir Path other)
            throws Exception {
        // Given a publisher whose first DELETE of an upload fails, as if the function died right after writing
        AtomicInteger deletes = new AtomicInteger();
        LocalOptions crashOnce = LocalOptions.TESTS.withPublisherS3(real -> {
            S3Client client = mock(S3Client.class, withSettings().defaultAnswer(AdditionalAnswers.delegatesTo(real)));
            org.mockito.Mockito.doAnswer(call -> {
                if (deletes.getAndIncrement() == 0) {
                    throw SdkClientException.create("the function was stopped here");
                }
                return real.deleteObject(call.getArgument(0, DeleteObjectRequest.class));
            }).when(client).deleteObject(any(DeleteObjectRequest.class));
            return client;
        });
        try (LocalStack crashing = LocalStack.start(LocalSettings.forTests(other), Map.of(), crashOnce)) {
            TicketClient local = new TicketClient(crashing.baseUrl());
            byte[] image = SampleImages.png(100, 100);
            JsonObject ticket = ticket(local, "png", image, true);

            // When it is uploaded
            JsonObject outcome = local.uploadAndAwaitPublished(ticket, image);

            // Then the image is published whole, the retry removed the upload, and there is exactly one image
            assertEquals(ticket.get("url").getAsString(), outcome.get("url").getAsString());
            assertArrayEquals(image, local.get(link(ticket), Map.of()).body());
            awaitNoEventsPending(crashing);
            assertFalse(crashing.store().blobExists(crashing.bucket(), TicketClient.uploadKey(ticket)));
            assertTrue(deletes.get() >= 2, "the delete was retried");
            assertEquals(1, keysUnder(crashing, "i/").size());
        }
    }

    @Test
    void uploadsWaitingWhileThePublisherIsDown_arePublishedAtTheNextStart(@TempDir Path other) {
        byte[] image = SampleImages.png(40, 40);
        JsonObject ticket;
        // Given a stack whose publisher cannot read S3 at all: every delivery fails, the upload stays
        LocalOptions broken = LocalOptions.TESTS.withPublisherS3(real -> {
            S3Client client = mock(S3Client.class, withSettings().defaultAnswer(AdditionalAnswers.delegatesTo(real)));
            org.mockito.Mockito.doThrow(SdkClientException.create("S3 is unreachable"))
                    .when(client).getObject(any(GetObjectRequest.class));
            org.mockito.Mockito.doThrow(SdkClientException.create("S3 is unreachable"))
                    .when(client).putObject(any(PutObjectRequest.class), any(RequestBody.class));
            return client;
        });
        try (LocalStack first = LocalStack.start(LocalSettings.forTests(other), Map.of(), broken)) {
            TicketClient local = new TicketClient(first.baseUrl());
            ticket = ticket(local, "png", image, true);
            assertEquals(200, local.upload(ticket, image).status());
            awaitNoEventsPending(first);
            assertEquals("checking", local.get(URI.create(ticket.getAsJsonObject("status").get("url").getAsString()),
                    Map.of()).json().get("state").getAsString());
        }

        // When the stack starts again on the same data with a working publisher
        try (LocalStack second = LocalStack.start(LocalSettings.forTests(other), Map.of(), LocalOptions.TESTS)) {
            TicketClient local = new TicketClient(second.baseUrl());
            JsonObject moved = rebase(ticket, second);

            // Then the waiting upload is published and its link serves it
            assertEquals("published", local.awaitOutcome(moved).get("state").getAsString());
            assertArrayEquals(image, local.get(link(moved), Map.of()).body());
        }
    }

    /** The ticket's URLs on a restarted stack, which listens on other ports. */
    static JsonObject rebase(JsonObject ticket, LocalStack stack) {
        JsonObject moved = ticket.deepCopy();
        moved.addProperty("url", stack.baseUrl() + URI.create(ticket.get("url").getAsString()).getPath());
        JsonObject status = moved.getAsJsonObject("status");
        status.addProperty("url", stack.baseUrl() + URI.create(status.get("url").getAsString()).getPath());
        return moved;
    }

    static List<String> keysUnder(LocalStack stack, String prefix) {
        return stack.store().list(stack.bucket()).contents().stream().map(S3Object::key)
                .filter(key -> key.startsWith(prefix)).toList();
    }

    static void awaitGone(String key) {
        for (int i = 0; i < 3000 && stack.store().blobExists(stack.bucket(), key); i++) {
            sleep(10);
        }
        assertFalse(stack.store().blobExists(stack.bucket(), key), key + " still waits after 30 s");
    }

    static void awaitNoEventsPending(LocalStack stack) {
        for (int i = 0; i < 3000 && stack.eventsPending() > 0; i++) {
            sleep(10);
        }
        assertEquals(0, stack.eventsPending(), "events still pending after 30 s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
