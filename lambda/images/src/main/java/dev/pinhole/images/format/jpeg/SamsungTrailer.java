package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.MetadataKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * The trailer Samsung's camera app appends after EOI (capture time, country code, motion-photo video,
 * depth map): blocks followed by a "SEFH" directory and the footer "SEFT", read from the end of the file
 * as ExifTool's Samsung module does. Only a directory whose every block lies inside the trailer counts.
 */
final class SamsungTrailer {
    private static final byte[] FOOTER = "SEFT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIRECTORY = "SEFH".getBytes(StandardCharsets.US_ASCII);
    /** ExifTool's bound on the directory block; real ones hold a handful of entries. */
    private static final long MAX_DIRECTORY = 0x10000;

    /** A trailer found: it runs from {@code start} to the end of the file. */
    record Found(int start, Set<MetadataKind> kinds) {
    }

    private SamsungTrailer() {
    }

    /** The Samsung trailer that ends the file and starts no earlier than {@code earliest}, or null. */
    static Found find(byte[] image, int earliest) {
        int end = image.length;
        if (end - earliest < 8 + 12 || !Bytes.startsWith(image, end - 4, FOOTER)) {
            return null;
        }
        long directoryLength = Bytes.u32le(image, end - 8, "the Samsung trailer footer");
        long directory = end - 8 - directoryLength;
        if (directoryLength < 12 || directoryLength >= MAX_DIRECTORY || directory < earliest
                || !Bytes.startsWith(image, directory, DIRECTORY)) {
            return null;
        }
        long count = Bytes.u32le(image, directory + 8, "the Samsung trailer directory");
        if (12 + 12 * count > directoryLength) {
            return null;
        }
        long first = 0;
        Set<MetadataKind> kinds = EnumSet.of(MetadataKind.OTHER);
        for (int i = 0; i < count; i++) {
            long entry = directory + 12 + 12L * i;
            long backwards = Bytes.u32le(image, entry + 4, "a Samsung trailer entry");
            long size = Bytes.u32le(image, entry + 8, "a Samsung trailer entry");
            if (backwards > directory - earliest || size > backwards || size < 8) {
                return null;
            }
            first = Math.max(first, backwards);
            classify(image, directory - backwards, size, kinds);
        }
        return new Found((int) (directory - first), kinds);
    }

    /** Each block starts with its name ("Image_UTC_Data", "MCC_Data", "MotionPhoto_Data"...). */
    private static void classify(byte[] image, long block, long size, Set<MetadataKind> kinds) {
        long nameLength = Bytes.u32le(image, block + 4, "a Samsung trailer block");
        if (nameLength > size - 8 || nameLength > 256) {
            return;
        }
        String name = new String(image, (int) block + 8, (int) nameLength, StandardCharsets.ISO_8859_1);
        if (name.contains("UTC")) {
            kinds.add(MetadataKind.DATES);
        }
        if (name.contains("MCC")) {
            kinds.add(MetadataKind.LOCATION);
        }
    }
}
