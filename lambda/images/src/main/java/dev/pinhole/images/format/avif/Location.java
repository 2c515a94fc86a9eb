package dev.pinhole.images.format.avif;

import java.util.List;

/**
 * Where an item's bytes are, from its 'iloc' entry: extents in the file (construction method 0) or in the
 * 'idat' box's payload (method 1), base offset already added. {@code entryStart}/{@code entryEnd} bound
 * the entry's bytes inside the iloc box.
 */
record Location(long itemId, int method, List<Extent> extents, int entryStart, int entryEnd) {
    static final int FILE_OFFSET = 0;
    static final int IDAT_OFFSET = 1;

    record Extent(long offset, long length) {
        long end() {
            return offset + length;
        }
    }

    boolean inFile() {
        return method == FILE_OFFSET;
    }
}
