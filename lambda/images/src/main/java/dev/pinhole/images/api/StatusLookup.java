package dev.pinhole.images.api;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.RefusalRecord;
import dev.pinhole.images.store.RemovedKinds;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Finds an image's status from what the bucket holds, without a database: the public image, else the upload,
 * else the refusal record or the tombstone a delete left. The publisher writes the image (or the record) before
 * it deletes the upload, so looking in this order and at the public image once more at the end never misses an
 * image that moved on between two look-ups: "not found" is answered only when nothing was there at any step.
 */
final class StatusLookup {
    private final ImageBucket bucket;

    StatusLookup(ImageBucket bucket) {
        this.bucket = bucket;
    }

    /** @param link the public link of a published image, given its key */
    Optional<ImageStatus> find(ImageKey key, Function<ImageKey, String> link) {
        Optional<ImageStatus> published = published(key, link);
        if (published.isPresent()) {
            return published;
        }
        if (bucket.exists(key.uploadKey())) {
            return Optional.of(new ImageStatus.Checking());
        }
        Optional<RefusalRecord> record = bucket.record(key);
        if (record.isPresent()) {
            return Optional.of(record.get().isTombstone() ? new ImageStatus.Deleted()
                    : new ImageStatus.Refused(record.get()));
        }
        return published(key, link);
    }

    private Optional<ImageStatus> published(ImageKey key, Function<ImageKey, String> link) {
        Optional<HeadObjectResponse> head = bucket.head(key.publicKey());
        return head.map(found -> new ImageStatus.Published(link.apply(key), RemovedKinds.of(found.metadata())));
    }
}
