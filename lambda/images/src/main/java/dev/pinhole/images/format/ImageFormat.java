package dev.pinhole.images.format;

/**
 * One container format (PNG, JPEG...): how to check that a file really is one, and how to take out what
 * gives people away without touching the compressed picture.
 *
 * <p>Implementations read only the container: they never decode pixels, so a hostile file costs at most a
 * walk over its bytes. Both methods must answer every input, however malformed, with a result or a
 * {@link Refusal}; any other exception is a bug (the fuzz tests look for exactly that).
 */
public interface ImageFormat {

    /**
     * Walks the whole file: signature, every segment/chunk/box to the end, nothing after the image's end,
     * dimensions from the header within {@code limits} before anything else is looked at.
     *
     * @throws Refusal when the bytes are not a well-formed image of this format within the limits
     */
    Inspection inspect(byte[] image, InspectionLimits limits);

    /**
     * The image without privacy metadata (location, camera, names, comments, thumbnails), according to
     * {@code policy}. Called only on bytes that {@link #inspect} accepted. Returns the very same array,
     * and an empty {@code removed} set, when there was nothing to take out.
     *
     * @throws Refusal when the file carries metadata that cannot be removed losslessly
     */
    Cleaning clean(byte[] image, MetadataPolicy policy);

    /**
     * {@link #inspect} and then {@link #clean}, the publisher's two steps, in one call: the same answer and
     * the same refusals, so a format that walks the whole file (JPEG: every byte of the compressed data) can
     * clean from the walk it has just made instead of walking the file a second time.
     *
     * @throws Refusal when {@code inspect} or {@code clean} would refuse the bytes
     */
    default CheckedImage inspectAndClean(byte[] image, InspectionLimits limits, MetadataPolicy policy) {
        Inspection inspection = inspect(image, limits);
        return new CheckedImage(inspection, clean(image, policy));
    }
}
