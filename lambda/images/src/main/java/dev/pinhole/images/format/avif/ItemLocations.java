package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 'iloc' box (versions 0 to 2): field widths for offsets, lengths, base offsets and indexes, then one
 * entry per item with its construction method and extents. Only data in this file is accepted (data
 * reference 0), at a file offset or in 'idat'; item-offset construction (method 2) is refused, as libavif
 * refuses it.
 */
record ItemLocations(Box box, CountField count, Map<Long, Location> locations) {

    static ItemLocations read(byte[] data, Box iloc, PartBudget parts) {
        BoxCursor cursor = new BoxCursor(data, iloc);
        int version = cursor.fullBoxVersion();
        if (version > 2) {
            throw malformed("the 'iloc' box has version " + version + ", not 0, 1 or 2");
        }
        int sizes = cursor.u8();
        int offsetSize = fieldSize(sizes >> 4, "offset");
        int lengthSize = fieldSize(sizes & 15, "length");
        int more = cursor.u8();
        int baseOffsetSize = fieldSize(more >> 4, "base offset");
        int indexSize = version == 0 ? 0 : fieldSize(more & 15, "index");
        int countWidth = version < 2 ? 2 : 4;
        CountField count = new CountField(cursor.position(), countWidth, cursor.sized(countWidth));
        Map<Long, Location> locations = new LinkedHashMap<>();
        for (long i = 0; i < count.value(); i++) {
            parts.count("iloc entry");
            int entryStart = cursor.position();
            long id = cursor.sized(version < 2 ? 2 : 4);
            int method = version == 0 ? 0 : cursor.u16() & 15;
            if (method > Location.IDAT_OFFSET) {
                throw malformed("item " + id + " is built from another item's data (construction method " + method
                        + "), which is not supported");
            }
            if (cursor.u16() != 0) {
                throw malformed("item " + id + " keeps its data in another file");
            }
            long base = cursor.sized(baseOffsetSize);
            int extentCount = cursor.u16();
            List<Location.Extent> extents = new ArrayList<>(Math.min(extentCount, 64));
            for (int e = 0; e < extentCount; e++) {
                parts.count("iloc extent");
                cursor.sized(indexSize);
                long offset = cursor.sized(offsetSize);
                long length = cursor.sized(lengthSize);
                if (length == 0) {
                    throw malformed("item " + id + " has an extent of length 0 (to the end of its data), which is not supported");
                }
                extents.add(new Location.Extent(addOrMax(base, offset), length));
            }
            Location location = new Location(id, method, List.copyOf(extents), entryStart, cursor.position());
            if (locations.putIfAbsent(id, location) != null) {
                throw malformed("item " + id + " has two 'iloc' entries");
            }
        }
        if (cursor.remaining() != 0) {
            throw malformed("the 'iloc' box has " + cursor.remaining() + " bytes after its last entry");
        }
        return new ItemLocations(iloc, count, Collections.unmodifiableMap(locations));
    }

    private static int fieldSize(int size, String field) {
        if (size != 0 && size != 4 && size != 8) {
            throw malformed("the 'iloc' " + field + " size is " + size + " bytes, not 0, 4 or 8");
        }
        return size;
    }

    /** Sums two unsigned offsets; a sum beyond any file stays beyond it instead of wrapping round. */
    private static long addOrMax(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
