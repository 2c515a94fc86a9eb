package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Says what an EXIF block held besides what the cleaner keeps, in the words the uploader is told
 * ("Location and camera details removed"). Walks IFD0, the Exif and GPS sub-directories and IFD1 once
 * each: a directory that points back to one already seen, or out of the segment, ends the walk.
 */
final class ExifKinds {
    static final int ORIENTATION = 0x0112;
    static final int COPYRIGHT = 0x8298;
    private static final int EXIF_IFD = 0x8769;
    private static final int GPS_IFD = 0x8825;
    private static final int GPS_VERSION = 0x0000;
    private static final int THUMBNAIL_OFFSET = 0x0201;
    private static final int STRIP_OFFSETS = 0x0111;

    private ExifKinds() {
    }

    /** The kinds of everything in the block except the entries listed in {@code kept}. */
    static Set<MetadataKind> of(TiffReader tiff, List<TiffEntry> ifd0, Set<Integer> kept) {
        Set<MetadataKind> kinds = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        seen.add(tiff.firstDirectory());
        for (TiffEntry entry : ifd0) {
            int tag = entry.tag();
            if (kept.contains(tag)) {
                continue;
            }
            if (tag == EXIF_IFD) {
                exifDirectory(tiff, tiff.u32(entry.valueField()), seen, kinds);
            } else if (tag == GPS_IFD) {
                kinds.add(gpsKind(tiff, tiff.u32(entry.valueField()), seen));
            } else {
                kinds.add(ifd0Kind(tag));
            }
        }
        long ifd1 = tiff.nextDirectory(tiff.firstDirectory());
        if (ifd1 != 0) {
            List<TiffEntry> entries = seen.add(ifd1) ? tiff.directory(ifd1) : null;
            boolean thumbnail = entries != null && entries.stream()
                    .anyMatch(e -> e.tag() == THUMBNAIL_OFFSET || e.tag() == STRIP_OFFSETS);
            kinds.add(thumbnail ? MetadataKind.THUMBNAIL : MetadataKind.OTHER);
        }
        return kinds;
    }

    private static void exifDirectory(TiffReader tiff, long offset, Set<Long> seen, Set<MetadataKind> kinds) {
        List<TiffEntry> entries = seen.add(offset) ? tiff.directory(offset) : null;
        if (entries == null) {
            kinds.add(MetadataKind.OTHER);
            return;
        }
        for (TiffEntry entry : entries) {
            kinds.add(exifKind(entry.tag()));
        }
    }

    /** A GPS directory counts as a location unless it is readable and holds nothing but its version. */
    private static MetadataKind gpsKind(TiffReader tiff, long offset, Set<Long> seen) {
        List<TiffEntry> entries = seen.add(offset) ? tiff.directory(offset) : null;
        boolean empty = entries != null && entries.stream().allMatch(e -> e.tag() == GPS_VERSION);
        return empty ? MetadataKind.OTHER : MetadataKind.LOCATION;
    }

    private static MetadataKind ifd0Kind(int tag) {
        return switch (tag) {
            case 0x010F, 0x0110, 0x0131, 0x013C, 0xC4A5, 0xC614, 0xA431, 0xA434 -> MetadataKind.CAMERA;
            case 0x0132 -> MetadataKind.DATES;
            case 0x013B, COPYRIGHT, 0x9C9D -> MetadataKind.PEOPLE;
            case 0x010D, 0x010E, 0x011D, 0x9C9B, 0x9C9C, 0x9C9E, 0x9C9F -> MetadataKind.TEXT;
            default -> MetadataKind.OTHER;
        };
    }

    /** In the Exif directory, everything but a few structural tags describes the camera and the capture. */
    private static MetadataKind exifKind(int tag) {
        return switch (tag) {
            case 0x9003, 0x9004, 0x9010, 0x9011, 0x9012, 0x9290, 0x9291, 0x9292 -> MetadataKind.DATES;
            case 0xA430 -> MetadataKind.PEOPLE;
            case 0x9286 -> MetadataKind.TEXT;
            case 0x9000, 0x9101, 0xA000, 0xA001, 0xA002, 0xA003, 0xA005, 0xA500 -> MetadataKind.OTHER;
            default -> MetadataKind.CAMERA;
        };
    }
}
