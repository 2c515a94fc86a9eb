package dev.pinhole.images.format.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads TIFF-structured metadata (EXIF, the MPF index) inside one JPEG segment. Offsets are relative to
 * the TIFF header, as the format defines them. Nothing here throws on a lying file: a directory or value
 * that does not fit the segment reads as absent ({@code null} or -1), and callers decide what that means.
 */
final class TiffReader {
    static final int TYPE_ASCII = 2;
    static final int TYPE_SHORT = 3;
    static final int TYPE_UNDEFINED = 7;
    /** Bytes per value of TIFF types 1..13 (index 0 unused; unknown types count as 1). */
    private static final int[] TYPE_SIZES = {1, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    private final byte[] data;
    private final int base;
    private final int length;
    private final boolean littleEndian;

    private TiffReader(byte[] data, int base, int end, boolean littleEndian) {
        this.data = data;
        this.base = base;
        this.length = end - base;
        this.littleEndian = littleEndian;
    }

    /** A reader for the TIFF header at {@code base}, or null when there is no valid header before {@code end}. */
    static TiffReader open(byte[] data, int base, int end) {
        if (end - base < 8) {
            return null;
        }
        boolean little = data[base] == 'I' && data[base + 1] == 'I';
        boolean big = data[base] == 'M' && data[base + 1] == 'M';
        if (!little && !big) {
            return null;
        }
        TiffReader reader = new TiffReader(data, base, end, little);
        return reader.u16(2) == 42 ? reader : null;
    }

    boolean littleEndian() {
        return littleEndian;
    }

    /** The offset of the first directory (IFD0). */
    long firstDirectory() {
        return u32(4);
    }

    /** The entries of the directory at {@code offset}, or null when they do not fit in the segment. */
    List<TiffEntry> directory(long offset) {
        int count = u16(offset);
        if (count < 0 || offset + 2 + 12L * count > length) {
            return null;
        }
        List<TiffEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = offset + 2 + 12L * i;
            entries.add(new TiffEntry(u16(at), u16(at + 2), u32(at + 4), at + 8));
        }
        return entries;
    }

    /** The offset of the directory after the one at {@code offset}; 0 when there is none or it cannot be read. */
    long nextDirectory(long offset) {
        int count = u16(offset);
        long next = count < 0 ? -1 : u32(offset + 2 + 12L * count);
        return Math.max(next, 0);
    }

    /** Where an entry's value starts, or -1 when the value does not fit in the segment. */
    long valueOffset(TiffEntry entry) {
        int type = entry.type();
        long size = entry.count() * (type > 0 && type < TYPE_SIZES.length ? TYPE_SIZES[type] : 1);
        if (size <= 4) {
            return entry.valueField();
        }
        long offset = u32(entry.valueField());
        return offset < 0 || size > length - offset ? -1 : offset;
    }

    /** The bytes of an entry of one-byte values (ASCII, UNDEFINED), or null when they do not fit. */
    byte[] bytes(TiffEntry entry) {
        long offset = valueOffset(entry);
        if (offset < 0 || entry.count() > length) {
            return null;
        }
        byte[] value = new byte[(int) entry.count()];
        System.arraycopy(data, base + (int) offset, value, 0, value.length);
        return value;
    }

    /** The unsigned 16-bit number at {@code offset}, or -1 when it lies outside the segment. */
    int u16(long offset) {
        if (offset < 0 || offset > length - 2) {
            return -1;
        }
        int i = base + (int) offset;
        int a = data[i] & 0xFF;
        int b = data[i + 1] & 0xFF;
        return littleEndian ? b << 8 | a : a << 8 | b;
    }

    /** The unsigned 32-bit number at {@code offset}, or -1 when it lies outside the segment. */
    long u32(long offset) {
        if (offset < 0 || offset > length - 4) {
            return -1;
        }
        int i = base + (int) offset;
        long a = data[i] & 0xFF;
        long b = data[i + 1] & 0xFF;
        long c = data[i + 2] & 0xFF;
        long d = data[i + 3] & 0xFF;
        return littleEndian ? d << 24 | c << 16 | b << 8 | a : a << 24 | b << 16 | c << 8 | d;
    }
}
