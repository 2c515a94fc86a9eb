package dev.pinhole.local;

import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Plays S3 lifecycle, which S3Proxy lacks: removes published images whose lifetime is over, that is whose user
 * metadata {@value ImageMetadata#REMOVE_AFTER} (copied by the publisher from the signed upload) is before the
 * stack's clock. A pass runs every minute, and whenever a test calls {@link LocalStack#expireNow()}.
 *
 * <p>How AWS differs: there, the template's lifecycle rules match the object tag {@code pinhole-lifetime=<label>}
 * that the publisher sets, and expire an object a number of whole days after its creation (rounded up to the next
 * midnight UTC); S3 then removes it asynchronously, usually within about a day after that date. An image can
 * therefore be served for up to a day or two past its removeAfter in AWS, never before it; here it goes within a
 * minute. Neither sends an invalidation: the image's Cache-Control never outlives its lifetime, so no cache holds
 * it past removeAfter.
 */
final class LocalExpiry implements AutoCloseable {
    static final Duration PASS_INTERVAL = Duration.ofSeconds(60);

    private final BlobStore store;
    private final String bucket;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    /** Expires in {@code store} (the store behind S3Proxy: a lifecycle removal sends no event) by {@code clock}. */
    LocalExpiry(BlobStore store, String bucket, Clock clock) {
        this.store = store;
        this.bucket = bucket;
        this.clock = clock;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "pinhole-expiry");
            thread.setDaemon(true);
            return thread;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = pool;
    }

    /** Runs a pass now and then one every {@link #PASS_INTERVAL}; a failed pass is logged and the next one runs. */
    void start() {
        scheduler.scheduleWithFixedDelay(this::passLogged, 0, PASS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: deletes every expired image; returns their keys. Safe alongside the scheduled passes. */
    synchronized List<String> expireNow() {
        Instant now = clock.instant();
        List<String> removed = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(ImageKey.PUBLIC_PREFIX).continuationToken(token).build());
            for (S3Object object : page.contents()) {
                if (removeAfter(object.key()).filter(now::isAfter).isPresent()) {
                    store.removeBlob(bucket, object.key());
                    removed.add(object.key());
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return removed;
    }

    /**
     * The object's removeAfter, if it has one that parses. One that does not is left alone, as a lifecycle rule
     * leaves an object without its tag: the publisher refuses such uploads, so only a hand-made object has one.
     */
    private Optional<Instant> removeAfter(String key) {
        HeadObjectResponse head = store.blobMetadataIfPresent(bucket, key);
        String value = head == null || head.metadata() == null ? null : head.metadata().get(ImageMetadata.REMOVE_AFTER);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private void passLogged() {
        try {
            List<String> removed = expireNow();
            if (!removed.isEmpty()) {
                System.out.println("pinhole: removed " + removed.size() + " image(s) whose lifetime is over: " + removed);
            }
        } catch (RuntimeException failed) {
            // A thrown task would stop the schedule; S3 lifecycle keeps trying too.
            System.err.println("pinhole: the expiry pass failed (" + failed + "); the next one runs in "
                    + PASS_INTERVAL.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
