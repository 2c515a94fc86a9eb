package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an APP1 Exif segment into the minimal one: Orientation when it is valid and not the default 1
 * (browsers rotate by it), Copyright when the policy keeps it; GPS, camera, serial numbers, maker notes,
 * dates, names and the IFD1 thumbnail go. A block that cannot be read goes whole.
 */
final class ExifMinimizer {
    private static final int MAX_ORIENTATION = 8;

    private ExifMinimizer() {
    }

    static Decision decide(byte[] image, Segment segment, MetadataPolicy policy) {
        int base = segment.payload() + MinimalExif.IDENTIFIER.length;
        TiffReader tiff = TiffReader.open(image, base, segment.payloadEnd());
        List<TiffEntry> ifd0 = tiff == null ? null : tiff.directory(tiff.firstDirectory());
        if (ifd0 == null) {
            return Decision.drop(MetadataKind.OTHER);
        }
        Set<Integer> kept = new HashSet<>();
        int orientation = orientation(tiff, ifd0);
        if (orientation != 0) {
            kept.add(ExifKinds.ORIENTATION);
        }
        byte[] copyright = policy.keepCopyright() ? copyright(tiff, ifd0) : null;
        if (copyright != null) {
            kept.add(ExifKinds.COPYRIGHT);
        }
        Set<MetadataKind> removed = ExifKinds.of(tiff, ifd0, kept);
        byte[] minimal = MinimalExif.payload(tiff.littleEndian(), orientation, copyright);
        if (minimal == null) {
            return Decision.drop(removed);
        }
        if (Arrays.equals(image, segment.payload(), segment.payloadEnd(), minimal, 0, minimal.length)) {
            return Decision.keep();
        }
        return Decision.replace(minimal, removed);
    }

    /** The first Orientation entry's value when it is one SHORT from 2 to 8 (1 is the default); else 0. */
    private static int orientation(TiffReader tiff, List<TiffEntry> ifd0) {
        for (TiffEntry entry : ifd0) {
            if (entry.tag() == ExifKinds.ORIENTATION) {
                if (entry.type() != TiffReader.TYPE_SHORT || entry.count() != 1) {
                    return 0;
                }
                int value = tiff.u16(entry.valueField());
                return value >= 2 && value <= MAX_ORIENTATION ? value : 0;
            }
        }
        return 0;
    }

    private static byte[] copyright(TiffReader tiff, List<TiffEntry> ifd0) {
        for (TiffEntry entry : ifd0) {
            if (entry.tag() == ExifKinds.COPYRIGHT) {
                boolean text = entry.type() == TiffReader.TYPE_ASCII && entry.count() > 0;
                return text ? tiff.bytes(entry) : null;
            }
        }
        return null;
    }
}
