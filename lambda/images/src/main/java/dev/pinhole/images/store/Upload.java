package dev.pinhole.images.store;

/** What reading an upload found: its bytes, nothing (already handled), or more bytes than any ticket allows. */
public sealed interface Upload {
    record Bytes(byte[] content) implements Upload {
    }

    /** The upload object is gone: an earlier delivery of the same event published or refused it. */
    record Gone() implements Upload {
    }

    /** Larger than the limit; not read (only its Content-Length was looked at). */
    record TooLarge(long size) implements Upload {
    }
}
