package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;

/**
 * PNG and APNG, read by a hand-written chunk walk (see docs/formats/png-gif.md for what is checked and why
 * no library is used): {@link PngInspector} checks, {@link PngCleaner} removes metadata by dropping chunks.
 */
public final class PngFormat implements ImageFormat {
    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        return new PngInspector(image, limits).inspect();
    }

    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        return new PngCleaner(image, policy).clean();
    }
}
