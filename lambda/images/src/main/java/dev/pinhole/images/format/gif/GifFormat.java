package dev.pinhole.images.format.gif;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;

/**
 * GIF87a and GIF89a, still and animated, read by a hand-written block walk (see docs/formats/png-gif.md):
 * {@link GifWalker} checks the structure, {@link GifCleaner} drops comments and unknown application data.
 */
public final class GifFormat implements ImageFormat {
    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        return GifWalker.walk(image, limits, block -> { });
    }

    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        return new GifCleaner(image).clean();
    }
}
