package dev.pinhole.images.store;

import dev.pinhole.core.Lifetime;
import java.util.Map;
import java.util.Optional;

/**
 * What a published image carries besides its bytes: its user metadata (what was removed, and what the ticket
 * signed into the upload), the lifetime tag S3 lifecycle rules filter on, and how long caches may keep it.
 *
 * @param metadata     user metadata, names without {@code x-amz-meta-}
 * @param tag          the lifetime to tag the object with ({@code pinhole-lifetime=<label>}), or empty for none
 * @param cacheControl the object's Cache-Control, which CloudFront and browsers obey
 */
public record Publication(Map<String, String> metadata, Optional<Lifetime> tag, String cacheControl) {
    public Publication {
        metadata = Map.copyOf(metadata);
    }
}
