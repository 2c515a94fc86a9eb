package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;

/**
 * WebP (RFC 9649), simple lossy or lossless and extended (alpha, colour profile, animation), read from
 * its RIFF chunks alone. See docs/formats/webp-avif.md for what is checked, removed and kept.
 */
public final class WebpFormat implements ImageFormat {

    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        return WebpFile.read(image, limits).inspection();
    }

    /**
     * Removes EXIF, XMP and unknown chunks. Copyright notices live inside EXIF and XMP, which are removed
     * whole and unread, so {@link MetadataPolicy#keepCopyright()} cannot keep them for WebP.
     */
    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        return WebpCleaner.clean(image);
    }
}
