package dev.pinhole.images.api;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.RemovedKinds;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Finds an image's status from what the bucket holds, without a database: the public image, else the refusal
 * record or the tombstone a delete left, else the upload. The record comes before the upload because both may be
 * there for a moment (the publisher and a delete write the record first and delete the upload last), and the
 * record is the final answer: a deleted image must not read "checking". The publisher writes the image or the
 * record before it deletes the upload, so when the upload is not there either, one more look at both finds an
 * image that moved on between two look-ups: "not found" is answered only when nothing was there at any step.
 */
final class StatusLookup {
    private final ImageBucket bucket;

    StatusLookup(ImageBucket bucket) {
        this.bucket = bucket;
    }

    /** @param link the public link of a published image, given its key */
    Optional<ImageStatus> find(ImageKey key, Function<ImageKey, String> link) {
        Optional<ImageStatus> settled = published(key, link).or(() -> recorded(key));
        if (settled.isPresent()) {
            return settled;
        }
        if (bucket.exists(key.uploadKey())) {
            return Optional.of(new ImageStatus.Checking());
        }
        return published(key, link).or(() -> recorded(key));
    }

    private Optional<ImageStatus> recorded(ImageKey key) {
        return bucket.record(key).map(record -> record.isTombstone() ? new ImageStatus.Deleted()
                : new ImageStatus.Refused(record));
    }

    private Optional<ImageStatus> published(ImageKey key, Function<ImageKey, String> link) {
        Optional<HeadObjectResponse> head = bucket.head(key.publicKey());
        return head.map(found -> new ImageStatus.Published(link.apply(key), RemovedKinds.of(found.metadata())));
    }
}
