package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.List;

/**
 * What a browser needs to show the primary item: an 'av01' image with its av1C configuration, or a 'grid'
 * of av01 tiles; an 'ispe' giving its size. Every ispe in the file is held to the pixel limit, so a small
 * primary cannot smuggle in a huge hidden image, and a grid's declared output must be its ispe.
 */
final class PrimaryImage {
    private PrimaryImage() {
    }

    /** Checks every declared size before the rest of the meta box is read; returns the primary item's. */
    static Dimensions checkSizes(byte[] data, long primary, ItemInfos infos, ItemProperties properties,
                                 InspectionLimits limits) {
        Item item = infos.items().get(primary);
        if (item == null) {
            throw malformed("the primary item " + primary + " is not declared in 'iinf'");
        }
        if (!item.type().equals("av01") && !item.type().equals("grid")) {
            throw malformed("the primary item is of type " + Box.describe(item.type()) + ", not an AV1 image or grid");
        }
        for (Box property : properties.properties()) {
            if (property.is("ispe")) {
                spatialExtent(data, property, limits, "an 'ispe' property");
            }
        }
        Box ispe = properties.of(primary, "ispe").orElseThrow(() ->
                malformed("the primary item has no 'ispe' property giving its size"));
        return spatialExtent(data, ispe, limits, "the primary item's 'ispe'");
    }

    /** Checks what the primary item is built from, once locations and references are known. */
    static void checkStructure(byte[] data, Meta meta, Dimensions size, InspectionLimits limits) {
        Item item = meta.primaryItem();
        Location location = meta.locations().locations().get(item.id());
        if (location == null || location.extents().isEmpty()) {
            throw malformed("the primary item has no data ('iloc' entry)");
        }
        if (item.type().equals("av01")) {
            requireAv1Configuration(meta, item.id());
        } else {
            checkGrid(data, meta, location, size, limits);
        }
    }

    private static Dimensions spatialExtent(byte[] data, Box ispe, InspectionLimits limits, String what) {
        BoxCursor cursor = new BoxCursor(data, ispe);
        cursor.fullBoxVersion();
        long width = cursor.u32();
        long height = cursor.u32();
        return Dimensions.checked(width, height, limits, what);
    }

    /**
     * A grid's payload: version 0, flags (bit 0: 32-bit output size), rows-1, columns-1, output width and
     * height. Its 'dimg' references name exactly rows x columns av01 tiles.
     */
    private static void checkGrid(byte[] data, Meta meta, Location location, Dimensions size, InspectionLimits limits) {
        byte[] descriptor = ItemData.prefix(data, meta, location, 12);
        GridReader grid = new GridReader(descriptor);
        if (grid.u8() != 0) {
            throw malformed("the primary grid's descriptor is not version 0");
        }
        boolean wide = (grid.u8() & 1) != 0;
        int rows = grid.u8() + 1;
        int columns = grid.u8() + 1;
        long width = wide ? grid.u32() : grid.u16();
        long height = wide ? grid.u32() : grid.u16();
        Dimensions output = Dimensions.checked(width, height, limits, "the primary grid's output");
        if (!output.equals(size)) {
            throw malformed("the primary grid's output is " + width + " x " + height + ", its 'ispe' "
                    + size.width() + " x " + size.height());
        }
        List<Reference> tiles = meta.references().from(meta.primary(), "dimg");
        if (tiles.size() != 1 || tiles.get(0).to().size() != rows * columns) {
            throw malformed("the primary grid of " + rows + " x " + columns + " does not reference as many tiles");
        }
        for (long tile : tiles.get(0).to()) {
            if (!meta.infos().items().get(tile).type().equals("av01")) {
                throw malformed("tile item " + tile + " of the primary grid is not an AV1 image");
            }
            requireAv1Configuration(meta, tile);
        }
    }

    private static void requireAv1Configuration(Meta meta, long itemId) {
        if (meta.properties().of(itemId, "av1C").isEmpty()) {
            throw malformed("AV1 image item " + itemId + " has no 'av1C' configuration");
        }
    }

    /** Big-endian reads from a grid descriptor; one that is too short is malformed. */
    private static final class GridReader {
        private final byte[] bytes;
        private int at;

        GridReader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u8() {
            if (at >= bytes.length) {
                throw malformed("the primary grid's descriptor is too short");
            }
            return bytes[at++] & 0xFF;
        }

        long u16() {
            return (long) u8() << 8 | u8();
        }

        long u32() {
            return u16() << 16 | u16();
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
