package dev.pinhole.images.format;

/**
 * How big an image may be before anyone decodes it. Checked from the header, so a file that declares
 * 100,000 x 100,000 pixels is refused after reading a few bytes.
 *
 * @param maxPixels  width x height of the largest frame
 * @param maxFrames  frames of an animation (GIF, APNG, animated WebP)
 * @param maxParts   segments, chunks, boxes or blocks in one file: bounds the work a chunk flood can cause
 */
public record InspectionLimits(long maxPixels, int maxFrames, int maxParts) {
    /**
     * 100 megapixels: every phone's default mode (12-50 MP) and 61 MP full-frame cameras fit; a viewer's
     * browser needs 400 MB to show it decoded, which is where a link stops being something to share.
     */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Long GIF animations have a few hundred frames; thousands are a decoder attack, not a picture. */
    public static final int DEFAULT_MAX_FRAMES = 1_000;
    /** Real files have tens of parts; 100,000 keeps a flood of empty chunks to a bounded walk. */
    public static final int DEFAULT_MAX_PARTS = 100_000;

    public static final InspectionLimits DEFAULT =
            new InspectionLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES, DEFAULT_MAX_PARTS);

    public InspectionLimits {
        if (maxPixels < 1 || maxFrames < 1 || maxParts < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
