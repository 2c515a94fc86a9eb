package dev.pinhole.images.format;

/**
 * What {@link ImageFormat#inspectAndClean} found and made: the inspection of the upload and the bytes to
 * publish, exactly what {@code inspect} and then {@code clean} would have answered.
 */
public record CheckedImage(Inspection inspection, Cleaning cleaning) {
}
