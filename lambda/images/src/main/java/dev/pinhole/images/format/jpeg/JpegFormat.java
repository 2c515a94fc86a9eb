package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.CheckedImage;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.Set;

/**
 * JPEG (.jpg, .jpeg): written by hand on the JDK alone, because the check and the clean are one walk over
 * the segments and no library does both losslessly (see docs/formats/jpeg.md). Stateless and thread-safe.
 */
public final class JpegFormat implements ImageFormat {
    /** The cleaner runs only on accepted files, so it walks them without limits of its own. */
    private static final InspectionLimits ALREADY_INSPECTED =
            new InspectionLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        JpegLayout layout = JpegReader.read(image, limits);
        Trailer.check(image, layout, limits);
        return inspection(layout);
    }

    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        JpegLayout layout = JpegReader.read(image, ALREADY_INSPECTED);
        Set<MetadataKind> trailer = Trailer.check(image, layout, ALREADY_INSPECTED);
        return JpegCleaner.clean(image, layout, trailer, policy);
    }

    /**
     * One walk instead of two: a layout and trailer accepted within {@code limits} are the very ones the
     * walk without limits finds (limits only ever refuse), so cleaning from them is what {@link #clean} does.
     */
    @Override
    public CheckedImage inspectAndClean(byte[] image, InspectionLimits limits, MetadataPolicy policy) {
        JpegLayout layout = JpegReader.read(image, limits);
        Set<MetadataKind> trailer = Trailer.check(image, layout, limits);
        return new CheckedImage(inspection(layout), JpegCleaner.clean(image, layout, trailer, policy));
    }

    private static Inspection inspection(JpegLayout layout) {
        return new Inspection(layout.frame().width(), layout.frame().height(), 1);
    }
}
