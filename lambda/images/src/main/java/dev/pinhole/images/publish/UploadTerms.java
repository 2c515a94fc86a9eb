package dev.pinhole.images.publish;

import dev.pinhole.core.ImageMetadata;
import dev.pinhole.core.Lifetime;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.Publication;
import dev.pinhole.images.store.RemovedKinds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the ticket signed into the upload's user metadata, read by the publisher: the delete token's hash, and the
 * image's lifetime with the moment after which its link no longer works. The client could not change them (they
 * are signed headers of the PUT), so values that do not parse mean a ticket function of another version or a
 * hand-made upload: the upload is refused rather than published with a lifetime nobody chose.
 *
 * @param carried the metadata copied onto the public image, exactly as signed
 */
record UploadTerms(Map<String, String> carried, Optional<Lifetime> lifetime, Optional<Instant> removeAfter) {
    /**
     * How much later than now plus its lifetime a remove-after may be: the ticket was issued before the upload, so
     * only the clocks of two functions can differ. More would let a cache keep an image past its lifetime.
     */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    /** The upload's metadata does not describe a lifetime that can be kept. */
    static final class Invalid extends Exception {
        Invalid(String detail) {
            super(detail, null, false, false);
        }
    }

    static UploadTerms read(Map<String, String> metadata, Instant now) throws Invalid {
        Map<String, String> carried = new LinkedHashMap<>();
        Optional.ofNullable(metadata.get(ImageMetadata.DELETE_HASH))
                .ifPresent(hash -> carried.put(ImageMetadata.DELETE_HASH, hash));
        String label = metadata.get(ImageMetadata.LIFETIME);
        String removeAfter = metadata.get(ImageMetadata.REMOVE_AFTER);
        if (label == null && removeAfter == null) {
            return new UploadTerms(carried, Optional.empty(), Optional.empty());
        }
        if (label == null || removeAfter == null) {
            throw new Invalid("the upload has " + (label == null ? ImageMetadata.REMOVE_AFTER : ImageMetadata.LIFETIME)
                    + " without " + (label == null ? ImageMetadata.LIFETIME : ImageMetadata.REMOVE_AFTER));
        }
        Lifetime lifetime = Lifetime.parse(label).orElseThrow(() -> new Invalid("lifetime '" + shown(label)
                + "' is none of " + Lifetime.SUPPORTED));
        Instant until;
        try {
            until = Instant.parse(removeAfter);
        } catch (DateTimeParseException notAnInstant) {
            throw new Invalid("remove-after '" + shown(removeAfter) + "' is not an ISO-8601 instant");
        }
        if (until.isAfter(now.plus(lifetime.duration()).plus(CLOCK_SLACK))) {
            throw new Invalid("remove-after " + until + " is later than " + lifetime + " from now");
        }
        carried.put(ImageMetadata.LIFETIME, label);
        carried.put(ImageMetadata.REMOVE_AFTER, removeAfter);
        return new UploadTerms(carried, Optional.of(lifetime), Optional.of(until));
    }

    /**
     * What the public image carries: the removed kinds and these terms as metadata; with a lifetime, its tag (when
     * the store tags objects) and a Cache-Control that ends at remove-after, so no cache serves the image longer.
     */
    Publication publication(Set<MetadataKind> removed, boolean tagObjects, Instant now) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ImageMetadata.REMOVED, RemovedKinds.value(removed));
        metadata.putAll(carried);
        String cacheControl = removeAfter
                .map(until -> "public, max-age=" + Math.max(0, Duration.between(now, until).getSeconds()))
                .orElse(ImageBucket.CACHE_FOREVER);
        return new Publication(metadata, tagObjects ? lifetime : Optional.empty(), cacheControl);
    }

    /** A value for the log: signed by the ticket, but shortened and printable all the same. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
