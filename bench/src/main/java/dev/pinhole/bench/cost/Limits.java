package dev.pinhole.bench.cost;

/**
 * The largest image each design took through the local bridge: the baseline's is set by the platform's
 * payload limits, Pinhole's by its own setting (the API only ever carries a few dozen bytes of JSON).
 */
public record Limits(long baselineLargestImage, long pinholeLargestImage) {
    /** The baseline's request for its largest image: base64 (4 bytes for every 3) inside the JSON. */
    long baselineLargestRequest() {
        return Base64Upload.json(new byte[0]).length + 4 * ((baselineLargestImage + 2) / 3);
    }
}
