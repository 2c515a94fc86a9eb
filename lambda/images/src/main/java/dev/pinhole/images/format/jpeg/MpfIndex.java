package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The CIPA Multi-Picture Format index (APP2 "MPF"): phones and cameras declare there the images they
 * append after the primary image's EOI (iPhone HDR gain maps, Ultra HDR gain maps, depth maps, large
 * previews). Only the first MPF segment of the primary image counts, as in every reader.
 */
final class MpfIndex {
    static final byte[] IDENTIFIER = "MPF\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MP_ENTRY = 0xB002;
    private static final int ENTRY_SIZE = 16;

    /**
     * An image the index declares.
     *
     * @param number the entry number as MPF counts them (1 is the primary image)
     * @param start  the offset of its SOI in the file
     */
    record DeclaredImage(int number, long start, long length, int type) {
        long end() {
            return start + length;
        }

        /** MPF types 0x01000x are "large thumbnails": previews of the same picture. */
        MetadataKind kind() {
            return (type & 0x0F0000) == 0x010000 ? MetadataKind.THUMBNAIL : MetadataKind.OTHER;
        }
    }

    private MpfIndex() {
    }

    /**
     * The JPEG images after the primary one that the first MPF segment declares, ordered by offset. An index
     * that cannot be read declares nothing (the cleaner drops it anyway); its trailer is then undeclared.
     */
    static List<DeclaredImage> declaredImages(byte[] image, JpegLayout layout) {
        for (Segment segment : layout.segments()) {
            if (segment.marker() == Markers.APP2 && segment.payloadStartsWith(image, IDENTIFIER)) {
                return read(image, segment);
            }
        }
        return List.of();
    }

    private static List<DeclaredImage> read(byte[] image, Segment segment) {
        int base = segment.payload() + IDENTIFIER.length;
        TiffReader tiff = TiffReader.open(image, base, segment.payloadEnd());
        List<TiffEntry> index = tiff == null ? null : tiff.directory(tiff.firstDirectory());
        if (index == null) {
            return List.of();
        }
        List<DeclaredImage> images = new ArrayList<>();
        for (TiffEntry entry : index) {
            if (entry.tag() != MP_ENTRY || entry.type() != TiffReader.TYPE_UNDEFINED
                    || entry.count() % ENTRY_SIZE != 0) {
                continue;
            }
            long at = tiff.valueOffset(entry);
            if (at < 0) {
                return List.of();
            }
            for (int number = 2; number <= entry.count() / ENTRY_SIZE; number++) {
                long e = at + (long) (number - 1) * ENTRY_SIZE;
                long attributes = tiff.u32(e);
                long length = tiff.u32(e + 4);
                long offset = tiff.u32(e + 8);
                boolean jpeg = (attributes >> 24 & 0x7) == 0;
                if (jpeg && length > 0 && offset > 0) {
                    images.add(new DeclaredImage(number, base + offset, length, (int) (attributes & 0xFFFFFF)));
                }
            }
        }
        images.sort(Comparator.comparingLong(DeclaredImage::start));
        return images;
    }
}
