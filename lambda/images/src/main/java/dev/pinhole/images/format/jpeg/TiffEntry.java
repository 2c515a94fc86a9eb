package dev.pinhole.images.format.jpeg;

/**
 * One 12-byte TIFF directory entry.
 *
 * @param valueField where the entry's 4-byte value-or-offset field is, relative to the TIFF header
 */
record TiffEntry(int tag, int type, long count, long valueField) {
}
