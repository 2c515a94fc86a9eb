package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The bucket's notifications as the local S3 plays them: which function each created object's event goes to. */
class NotifyingStoreTest {
    static final String BUCKET = "pinhole-images";
    static final String NAME = "AAAAAAAAAAAAAAAAAAAAAA.png";

    @TempDir
    Path folder;
    EventDelivery publisher;
    EventDelivery invalidator;
    BlockingQueue<String> published = new LinkedBlockingQueue<>();
    BlockingQueue<String> invalidated = new LinkedBlockingQueue<>();
    NotifyingStore store;

    @BeforeEach
    void start() {
        publisher = new EventDelivery("publisher", 2, List.of(Duration.ofMillis(10)));
        invalidator = new EventDelivery("invalidator", 1, List.of(Duration.ofMillis(10)));
        publisher.attach(recordingInto(published));
        invalidator.attach(recordingInto(invalidated));
        store = new NotifyingStore(new FilesystemNio2BlobStore(folder.toString()), BUCKET, LocalStack.REGION,
                List.of(new NotifyingStore.Rule("u/", "publish-uploads", publisher),
                        new NotifyingStore.Rule("p/", "invalidate-deleted", invalidator)),
                Clock.systemUTC());
        store.createContainer(BUCKET);
    }

    @AfterEach
    void stop() {
        publisher.close();
        invalidator.close();
    }

    @Test
    void uploadsGoToThePublisher_markersToTheInvalidator_otherKeysNowhere() throws InterruptedException {
        // When an upload, a pending-invalidation marker (empty, as the image API writes it), a published image and
        // a refusal record are written
        put("u/" + NAME, new byte[] {1, 2, 3});
        put("p/" + NAME, new byte[0]);
        put("i/" + NAME, new byte[] {4});
        put("r/" + NAME + ".json", new byte[] {'{', '}'});

        // Then each function gets the event of its prefix, named by its notification, and nothing else arrives
        assertEquals("publish-uploads u/" + NAME, published.poll(10, TimeUnit.SECONDS));
        assertEquals("invalidate-deleted p/" + NAME, invalidated.poll(10, TimeUnit.SECONDS));
        waitUntilDelivered();
        assertEquals(List.of(), List.copyOf(published));
        assertEquals(List.of(), List.copyOf(invalidated));
    }

    @Test
    void aFailingInvalidator_isRetried_likeThePublisher() throws InterruptedException {
        // Given an invalidator that fails its first attempt
        BlockingQueue<String> attempts = new LinkedBlockingQueue<>();
        AtomicInteger count = new AtomicInteger();
        invalidator.attach((event, context) -> {
            attempts.add("attempt");
            if (count.incrementAndGet() == 1) {
                throw new IllegalStateException("CloudFront is busy");
            }
            return null;
        });

        // When a marker is written
        put("p/" + NAME, new byte[0]);

        // Then the event is delivered again, and then no longer pending
        assertEquals("attempt", attempts.poll(10, TimeUnit.SECONDS));
        assertEquals("attempt", attempts.poll(10, TimeUnit.SECONDS));
        waitUntilDelivered();
        assertEquals(0, invalidator.pending());
    }

    private void put(String key, byte[] body) {
        store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) body.length).build(),
                new ByteArrayInputStream(body));
    }

    private void waitUntilDelivered() throws InterruptedException {
        for (int i = 0; i < 1000 && publisher.pending() + invalidator.pending() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, publisher.pending() + invalidator.pending(), "events still pending after 10 s");
    }

    private static RequestHandler<S3Event, Void> recordingInto(BlockingQueue<String> queue) {
        return (event, context) -> {
            for (S3EventNotificationRecord record : event.getRecords()) {
                queue.add(record.getS3().getConfigurationId() + " " + record.getS3().getObject().getUrlDecodedKey());
            }
            return null;
        };
    }
}
