package dev.pinhole.bench.cost;

import java.io.IOException;

/** A way of getting an image from a client into S3: Pinhole's ticket and direct PUT, or the base64 baseline. */
interface UploadDesign {
    /** How the tables name it. */
    String label();

    /**
     * Uploads {@code image} once and says how it went. A refusal by a payload limit is an answer; anything
     * else unexpected throws, so that a broken run never turns into figures.
     */
    Attempt upload(byte[] image) throws IOException, InterruptedException;
}
