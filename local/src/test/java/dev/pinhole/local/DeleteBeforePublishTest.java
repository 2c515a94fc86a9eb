package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete that comes while the publisher has not yet looked at the upload (a slow publish, a retry after a
 * failure): the upload is removed and the image is never published, even when its event arrives afterwards.
 */
class DeleteBeforePublishTest {
    @TempDir
    Path data;

    @Test
    void deleteWhileChecking_removesTheUpload_andTheHeldBackPublisherNeverPublishesIt() throws InterruptedException {
        // Given a stack whose publisher is held back until the test lets it go
        CountDownLatch release = new CountDownLatch(1);
        LocalOptions held = LocalOptions.TESTS.withPublisherWrapper(publisher -> (event, context) -> {
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the publisher");
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(stopped);
            }
            return publisher.handleRequest(event, context);
        });
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), held)) {
            TicketClient client = new TicketClient(stack.baseUrl());
            byte[] image = SampleImages.png(40, 40);
            JsonObject ticket = client.requestTicket("png", image, true).json();
            assertEquals(200, client.upload(ticket, image).status());
            Reply checking = client.get(statusUrl(ticket), Map.of());
            assertEquals("checking", checking.json().get("state").getAsString(), checking.text());

            // When the image is deleted before the publisher has seen it, and then the publisher runs
            Reply deleted = TakeBack.delete(ticket);
            release.countDown();
            TakeBack.awaitEventsHandled(stack);

            // Then the delete succeeded, the upload is gone, and the image was never published
            assertEquals(200, deleted.status(), deleted.text());
            assertEquals("deleted", deleted.json().get("state").getAsString());
            assertFalse(stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket)));
            assertFalse(stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString()));
            assertEquals(404, client.get(TakeBack.link(ticket), Map.of()).status());
            assertEquals("deleted", client.get(statusUrl(ticket), Map.of()).json().get("state").getAsString());
            // and a second delete knows it is gone
            assertEquals(410, TakeBack.delete(ticket).status());
        } finally {
            release.countDown();
        }
    }

    private static URI statusUrl(JsonObject ticket) {
        return URI.create(ticket.getAsJsonObject("status").get("url").getAsString());
    }
}
