package dev.pinhole.images.cdn;

import java.util.List;

/**
 * Where a batch of link paths is invalidated: CloudFront in AWS ({@link CloudFrontInvalidations}); in the local stack,
 * which has no cache, something that only records them.
 */
public interface Invalidations {
    /**
     * Asks the CDN to drop its copies of these paths ({@code /i/<id>.<ext>}, at most 3,000).
     *
     * @param callerReference the same for a repeat of the same batch, so that the CDN does not invalidate (and
     *                        charge for) one batch twice when an answer was lost
     * @return the invalidation's id, for the log
     * @throws InvalidationFailure when the CDN did not accept the batch
     */
    String send(List<String> paths, String callerReference);
}
