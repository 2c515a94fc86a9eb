package dev.pinhole.images.store;

import java.util.Map;

/** What reading an upload found: its bytes, nothing (already handled), or more bytes than any ticket allows. */
public sealed interface Upload {
    /**
     * The upload's bytes and its user metadata (names without {@code x-amz-meta-}, as the SDK gives them): what
     * the ticket signed into the PUT, such as the delete token's hash and the lifetime.
     */
    record Bytes(byte[] content, Map<String, String> metadata) implements Upload {
        public Bytes {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /** The upload object is gone: an earlier delivery of the same event published or refused it. */
    record Gone() implements Upload {
    }

    /** Larger than the limit; not read (only its Content-Length was looked at). */
    record TooLarge(long size) implements Upload {
    }
}
