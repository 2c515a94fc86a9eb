package dev.pinhole.images.format;

/** A width and height read from a header, already checked against the pixel limit. */
public record Dimensions(int width, int height) {

    /**
     * Checks a declared size before anything else is read: zero refuses as no_pixels, more than the
     * limit (or more than an {@code int} side) as too_many_pixels. {@code source} names the header
     * ("VP8X canvas", "ispe of item 1") for the refusal's detail.
     */
    public static Dimensions checked(long width, long height, InspectionLimits limits, String source) {
        if (width <= 0 || height <= 0) {
            throw new Refusal(RefusalReason.NO_PIXELS, source + " declares " + width + " x " + height);
        }
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || width > limits.maxPixels() / height) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, source + " declares " + width + " x " + height
                    + ", more than " + limits.maxPixels() + " pixels");
        }
        return new Dimensions((int) width, (int) height);
    }

    public long pixels() {
        return (long) width * height;
    }
}
