package dev.pinhole.images.publish;

import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;

/**
 * What the publisher accepts and what it removes.
 *
 * @param maxBytes   largest upload it reads; the ticket function's limit, so only a misconfigured stack sees more
 * @param inspection pixels, frames and parts, checked from the headers before anything is decoded
 * @param metadata   what a deployment keeps beyond the privacy default
 */
public record PublishLimits(long maxBytes, InspectionLimits inspection, MetadataPolicy metadata) {
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final PublishLimits DEFAULT =
            new PublishLimits(DEFAULT_MAX_BYTES, InspectionLimits.DEFAULT, MetadataPolicy.PRIVACY_DEFAULT);

    public PublishLimits {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must fit one array: " + maxBytes);
        }
    }
}
