package dev.pinhole.images.store;

import dev.pinhole.core.ImageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The CloudFront paths still to invalidate, kept as empty objects {@code p/<id>.<ext>} in the image bucket: a delete
 * writes one after it removed the image, and the invalidator lists them, invalidates their links in one batch and
 * deletes them once CloudFront accepted. An S3 object rather than a call to CloudFront from the delete itself, so
 * that a busy CloudFront ({@code TooManyInvalidationsInProgress}) delays an invalidation but never loses it, and so
 * that deletes that come together are invalidated together.
 */
public final class PendingInvalidations {
    /** DeleteObjects takes at most 1,000 keys, as ListObjectsV2 answers at most 1,000 per page. */
    private static final int PAGE = 1000;

    private final S3Client s3;
    private final String bucket;

    public PendingInvalidations(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Marks the image's link for invalidation; marking one twice leaves one marker. */
    public void add(ImageKey key) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key.pendingInvalidationKey())
                .contentType("application/octet-stream").build(), RequestBody.empty());
    }

    /**
     * Up to {@code max} marked names, in key order. Keys under p/ that no delete could have written are skipped
     * (the p/ lifecycle rule removes them).
     */
    public List<ImageKey> list(int max) {
        List<ImageKey> found = new ArrayList<>();
        String continuation = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(ImageKey.PENDING_INVALIDATION_PREFIX).maxKeys(Math.min(PAGE, max - found.size()))
                    .continuationToken(continuation).build());
            for (S3Object object : page.contents()) {
                Optional<ImageKey> key = ImageKey.parsePendingInvalidationKey(object.key());
                if (key.isPresent() && found.size() < max) {
                    found.add(key.get());
                }
            }
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null && found.size() < max);
        return found;
    }

    /** Removes these markers (their invalidation was accepted). Throws when S3 could not delete one of them. */
    public void remove(List<ImageKey> keys) {
        for (int from = 0; from < keys.size(); from += PAGE) {
            List<ObjectIdentifier> page = keys.subList(from, Math.min(keys.size(), from + PAGE)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key.pendingInvalidationKey()).build()).toList();
            DeleteObjectsResponse deleted = s3.deleteObjects(DeleteObjectsRequest.builder().bucket(bucket)
                    .delete(Delete.builder().objects(page).quiet(true).build()).build());
            if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
                throw new IllegalStateException("S3 did not delete " + deleted.errors().size()
                        + " pending-invalidation marker(s), first " + deleted.errors().get(0).key() + ": "
                        + deleted.errors().get(0).code());
            }
        }
    }
}
