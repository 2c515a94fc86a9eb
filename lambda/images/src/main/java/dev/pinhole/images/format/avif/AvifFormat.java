package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;

/**
 * AVIF (AV1 in HEIF), stills and image sequences, read from its ISO base media boxes alone. See
 * docs/formats/webp-avif.md for what is checked, removed and kept.
 */
public final class AvifFormat implements ImageFormat {

    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        return AvifFile.read(image, limits).inspection();
    }

    /**
     * Removes Exif, XMP and other metadata items, thumbnails and boxes a reader does not need. Copyright
     * notices live inside Exif and XMP, which are removed whole and unread, so
     * {@link MetadataPolicy#keepCopyright()} cannot keep them for AVIF.
     */
    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        return AvifCleaner.clean(image);
    }
}
