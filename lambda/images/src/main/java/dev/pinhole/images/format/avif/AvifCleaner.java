package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Takes the metadata out of an AVIF without moving a byte of the picture. Metadata items (Exif, XMP,
 * thumbnails) leave the item tables ({@link MetaSurgery}); their payloads are overwritten with zeros
 * where they were, like every other byte of 'mdat' or 'idat' that no kept item or sample uses; boxes a
 * reader does not need (unknown boxes, udta and meta of a sequence, the 'udes' description property)
 * become 'free' boxes of the same size with zeroed contents. Offsets after 'meta' never change.
 */
final class AvifCleaner {
    /** Cleaning walks a file inspection already accepted: no limit is needed to keep that walk bounded. */
    private static final InspectionLimits STRUCTURE_ONLY =
            new InspectionLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final Set<String> TOP_LEVEL_NEEDED = Set.of("ftyp", "meta", "mdat", "moov");
    private static final Set<String> META_NEEDED = Set.of("hdlr", "pitm", "iloc", "iinf", "iref", "iprp", "idat",
            "dinf", "grpl");
    private static final Set<String> FREE_SPACE = Set.of("free", "skip");

    private final byte[] image;
    private final AvifFile file;
    private final Meta meta;
    private final Edits edits = new Edits();
    private final Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    /** Where kept items' and samples' data lies, in file offsets. */
    private final DataMap kept = new DataMap();
    /** The subset of {@link #kept} addressed by file offset, which would go wrong if bytes before it moved. */
    private final DataMap keptAtFileOffsets = new DataMap();
    private final DataMap removedData = new DataMap();
    /** The payloads of 'mdat' boxes and of 'idat': where removed items' data may be blanked. */
    private final DataMap dataBoxes = new DataMap();

    private AvifCleaner(byte[] image, AvifFile file) {
        this.image = image;
        this.file = file;
        this.meta = file.meta();
        file.boxes().stream().filter(box -> box.is("mdat")).forEach(box -> dataBoxes.add(box.payload(), box.end()));
        if (meta.idat() != null) {
            dataBoxes.add(meta.idat().payload(), meta.idat().end());
        }
    }

    static Cleaning clean(byte[] image) {
        return new AvifCleaner(image, AvifFile.read(image, STRUCTURE_ONLY)).clean();
    }

    private Cleaning clean() {
        Map<Long, Set<MetadataKind>> items = ItemRemoval.decide(image, meta);
        mapData(items.keySet());
        if (!items.isEmpty()) {
            checkRemovable(items.keySet());
            new MetaSurgery(meta, items.keySet(), edits).removeItems();
            items.values().forEach(removed::addAll);
        }
        blankBoxesNotNeeded();
        blankUnusedData();
        if (removed.isEmpty()) {
            return Cleaning.unchanged(image);
        }
        return new Cleaning(edits.applyTo(image), removed);
    }

    private void mapData(Set<Long> removedItems) {
        for (Location location : meta.locations().locations().values()) {
            boolean keep = !removedItems.contains(location.itemId());
            for (Location.Extent extent : location.extents()) {
                long from = ItemData.fileOffset(meta, location, extent);
                (keep ? kept : removedData).add(from, from + extent.length());
                if (keep && location.inFile()) {
                    keptAtFileOffsets.add(from, from + extent.length());
                }
            }
        }
        if (file.sequence() != null) {
            for (Location.Extent sample : file.sequence().samples()) {
                kept.add(sample.offset(), sample.end());
                keptAtFileOffsets.add(sample.offset(), sample.end());
            }
        }
    }

    /** Removed payloads are blanked in place, so they must sit in a data box and share no byte with the picture. */
    private void checkRemovable(Set<Long> removedItems) {
        if (keptAtFileOffsets.overlaps(meta.box().start(), meta.box().end())) {
            throw notRemovable("picture data lies inside the 'meta' box, whose size changes");
        }
        for (long id : removedItems) {
            Location location = meta.locations().locations().get(id);
            if (location == null) {
                continue;
            }
            for (Location.Extent extent : location.extents()) {
                long from = ItemData.fileOffset(meta, location, extent);
                long to = from + extent.length();
                if (kept.overlaps(from, to)) {
                    throw notRemovable("the data of item " + id + " shares bytes with the picture");
                }
                if (!dataBoxes.covers(from, to)) {
                    throw notRemovable("the data of item " + id + " lies outside 'mdat' and 'idat'");
                }
            }
        }
    }


    private void blankBoxesNotNeeded() {
        for (Box box : file.boxes()) {
            blankUnlessNeeded(box, TOP_LEVEL_NEEDED);
        }
        for (Box box : meta.children()) {
            blankUnlessNeeded(box, META_NEEDED);
        }
        if (file.sequence() != null) {
            file.sequence().metadataBoxes().forEach(box -> turnIntoFreeSpace(box, MetadataKind.OTHER));
        }
        new DescriptionProperties(meta, edits, this::turnIntoFreeSpace).remove();
    }

    private void blankUnlessNeeded(Box box, Set<String> needed) {
        if (FREE_SPACE.contains(box.type())) {
            int contents = contentStart(box);
            if (!kept.overlaps(contents, box.end()) && !isZero(contents, box.end())) {
                edits.zero(contents, box.end());
                removed.add(MetadataKind.OTHER);
            }
        } else if (!needed.contains(box.type())) {
            turnIntoFreeSpace(box, MetadataKind.OTHER);
        }
    }

    /** Renames a box to 'free' and zeroes everything after its size and type; a box holding picture data stays. */
    private boolean turnIntoFreeSpace(Box box, MetadataKind kind) {
        if (kept.overlaps(box.start(), box.end())) {
            return false;
        }
        edits.write(box.start() + 4, MetaSurgery.FREE);
        edits.zero(contentStart(box), box.end());
        removed.add(kind);
        return true;
    }

    /** Zeroes the bytes of 'mdat' and 'idat' that no kept item or sample uses: removed payloads and leftovers. */
    private void blankUnusedData() {
        for (Box box : file.boxes()) {
            if (box.is("mdat")) {
                blankGaps(box);
            }
        }
        if (meta.idat() != null) {
            blankGaps(meta.idat());
        }
    }

    private void blankGaps(Box box) {
        for (long[] gap : kept.gaps(box.payload(), box.end())) {
            if (isZero(gap[0], gap[1])) {
                continue;
            }
            edits.zero(gap[0], gap[1]);
            boolean leftovers = removedData.gaps(gap[0], gap[1]).stream().anyMatch(g -> !isZero(g[0], g[1]));
            if (leftovers) {
                removed.add(MetadataKind.OTHER);
            }
        }
    }

    private static int contentStart(Box box) {
        return box.start() + (box.sizeField() == Box.SizeField.LARGE ? 16 : 8);
    }

    private boolean isZero(long from, long to) {
        for (long i = from; i < to; i++) {
            if (image[(int) i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Refusal notRemovable(String detail) {
        return new Refusal(RefusalReason.METADATA_NOT_REMOVABLE, detail);
    }
}
