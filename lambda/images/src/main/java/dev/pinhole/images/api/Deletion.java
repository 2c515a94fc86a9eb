package dev.pinhole.images.api;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.images.store.RefusalRecord;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Takes an image back with its delete token, which is checked against the hash the ticket signed into the upload
 * (and the publisher carried onto the image). The steps, in this order, make a delete safe to repeat and safe
 * against the publisher working at the same time:
 *
 * <ol>
 *   <li>the tombstone first ({@code r/<name>.json}, code {@value RefusalRecord#DELETED}): from then on the publisher
 *       publishes nothing under the name, and withdraws an image it has just written;</li>
 *   <li>then, for a published image, the pending-invalidation marker, so the invalidator removes CloudFront's
 *       copy; before the image goes, so that a failure between the two leaves the image there for the client's
 *       retry rather than an image gone from S3 but cached at the edge for as long as its max-age;</li>
 *   <li>then the object that serves (or would serve) the image is deleted. After a delete of an upload, the public
 *       image is looked for once more: the publisher may have written it before the tombstone.</li>
 * </ol>
 * (The marker's S3 event starts the invalidator asynchronously, and an invalidation takes CloudFront seconds to
 * minutes to complete, while the delete follows the marker within milliseconds: the edge cannot fetch the image
 * again after the invalidation and before the delete.)
 * A wrong token changes nothing. The token is never logged.
 */
final class Deletion {
    private final ImageBucket bucket;
    private final PendingInvalidations invalidations;
    private final Clock clock;

    Deletion(ImageBucket bucket, PendingInvalidations invalidations, Clock clock) {
        this.bucket = bucket;
        this.invalidations = invalidations;
        this.clock = clock;
    }

    /** Deletes the image, or throws the ApiException that says why not (403, 404, 410). */
    void delete(ImageKey key, String token) {
        Optional<HeadObjectResponse> published = bucket.head(key.publicKey());
        if (published.isPresent()) {
            deletePublished(key, token, published.get());
            return;
        }
        Optional<HeadObjectResponse> upload = bucket.head(key.uploadKey());
        if (upload.isPresent()) {
            deleteUpload(key, token, upload.get());
            return;
        }
        Optional<RefusalRecord> record = bucket.record(key);
        if (record.isPresent()) {
            throw answerFor(record.get());
        }
        // Published between the looks: the publisher writes the image before it deletes the upload.
        published = bucket.head(key.publicKey());
        if (published.isPresent()) {
            deletePublished(key, token, published.get());
            return;
        }
        throw ImageApiHandler.noSuchImage();
    }

    private void deletePublished(ImageKey key, String token, HeadObjectResponse image) {
        requireToken(token, image);
        // False when a tombstone is there already: a delete that stopped half-way, finished now.
        bucket.putTombstone(key, clock.instant());
        invalidations.add(key);
        bucket.deletePublic(key);
    }

    private void deleteUpload(ImageKey key, String token, HeadObjectResponse upload) {
        requireToken(token, upload);
        if (!bucket.putTombstone(key, clock.instant())) {
            // A record came since the look at the upload. A refusal: the publisher was faster, and nothing was
            // published. A tombstone: this very PUT, retried by the SDK after its first attempt was stored (the
            // retry meets If-None-Match), or a concurrent delete with the same token; either way, go on.
            RefusalRecord record = bucket.record(key).orElse(RefusalRecord.UNREADABLE);
            if (!record.isTombstone()) {
                throw answerFor(record);
            }
        }
        bucket.deleteUpload(key);
        if (bucket.exists(key.publicKey())) {
            invalidations.add(key);
            bucket.deletePublic(key);
        }
    }

    private static void requireToken(String token, HeadObjectResponse object) {
        String hash = object.metadata() == null ? null : object.metadata().get(ImageMetadata.DELETE_HASH);
        if (!DeleteToken.matches(token, hash)) {
            throw new ApiException(ErrorCode.DELETE_TOKEN_INVALID, "The delete token is missing or is not this "
                    + "image's. Send the " + DeleteToken.HEADER + " header from the image's ticket.");
        }
    }

    private static ApiException answerFor(RefusalRecord record) {
        if (record.isTombstone()) {
            return new ApiException(ErrorCode.GONE, "This image was deleted.");
        }
        return ImageApiHandler.noSuchImage();
    }
}
