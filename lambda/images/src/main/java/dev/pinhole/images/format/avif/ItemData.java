package dev.pinhole.images.format.avif;

import java.io.ByteArrayOutputStream;

/** Reads an item's bytes from its extents, which inspection has already placed inside the file or 'idat'. */
final class ItemData {
    private ItemData() {
    }

    /** At most {@code max} bytes from the start of the item's data, across its extents. */
    static byte[] prefix(byte[] data, Meta meta, Location location, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(max);
        for (Location.Extent extent : location.extents()) {
            int want = (int) Math.min(extent.length(), max - out.size());
            if (want <= 0) {
                break;
            }
            out.write(data, fileOffset(meta, location, extent), want);
        }
        return out.toByteArray();
    }

    /** Where an extent starts in the file: its offset, or for idat items its offset into the idat payload. */
    static int fileOffset(Meta meta, Location location, Location.Extent extent) {
        return (int) (location.inFile() ? extent.offset() : meta.idat().payload() + extent.offset());
    }
}
