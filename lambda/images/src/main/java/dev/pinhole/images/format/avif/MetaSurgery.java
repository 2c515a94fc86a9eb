package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Takes removed items out of the 'meta' box: their 'infe' boxes, 'iloc' and 'ipma' entries and the
 * references from or to them, then rewrites the entry counts and the size of every box that shrank.
 * The bytes 'meta' loses come back as a 'free' box right after it, so every box after 'meta' stays at
 * its offset and no item or sample offset needs rewriting: the picture's bytes do not move at all.
 */
final class MetaSurgery {
    private static final int FREE_HEADER = 8;
    static final byte[] FREE = {'f', 'r', 'e', 'e'};

    private final Meta meta;
    private final Set<Long> removed;
    private final Edits edits;
    private final List<Box> shrinking = new ArrayList<>();

    MetaSurgery(Meta meta, Set<Long> removed, Edits edits) {
        this.meta = meta;
        this.removed = removed;
        this.edits = edits;
    }

    void removeItems() {
        if (removed.isEmpty()) {
            return;
        }
        checkEntityGroups();
        ItemInfos infos = meta.infos();
        removeEntries(infos.box(), infos.count(), removed.stream().map(id -> infos.items().get(id).infe())
                .map(b -> new int[] {b.start(), b.end()}).toList());
        ItemLocations locations = meta.locations();
        removeEntries(locations.box(), locations.count(), locations.locations().values().stream()
                .filter(l -> removed.contains(l.itemId())).map(l -> new int[] {l.entryStart(), l.entryEnd()}).toList());
        ItemProperties properties = meta.properties();
        shrinking.add(properties.box());
        Map<Integer, List<int[]>> entriesByIpma = new TreeMap<>();
        for (long id : removed) {
            Association association = properties.associations().get(id);
            if (association != null) {
                entriesByIpma.computeIfAbsent(association.ipma(), i -> new ArrayList<>())
                        .add(new int[] {association.entryStart(), association.entryEnd()});
            }
        }
        entriesByIpma.forEach((i, entries) ->
                removeEntries(properties.ipmas().get(i), properties.associationCounts().get(i), entries));
        removeReferences();
        shrinking.add(meta.box());
        rewriteSizes();
    }

    private void removeEntries(Box box, CountField count, List<int[]> entries) {
        entries.forEach(range -> edits.delete(range[0], range[1]));
        if (!entries.isEmpty()) {
            edits.writeUnsigned(count.offset(), count.width(), count.value() - entries.size());
            shrinking.add(box);
        }
    }

    private void removeReferences() {
        ItemReferences references = meta.references();
        if (references.box() == null) {
            return;
        }
        List<Box> gone = new ArrayList<>();
        List<Reference> shortened = new ArrayList<>();
        for (Reference reference : references.references()) {
            if (removed.contains(reference.from()) || removed.containsAll(reference.to())) {
                gone.add(reference.box());
            } else if (reference.to().stream().anyMatch(removed::contains)) {
                shortened.add(reference);
            }
        }
        if (gone.size() == references.references().size()) {
            edits.delete(references.box().start(), references.box().end());
            return;
        }
        gone.forEach(box -> edits.delete(box.start(), box.end()));
        shortened.forEach(this::removeTargets);
        shrinking.add(references.box());
    }

    private void removeTargets(Reference reference) {
        int left = 0;
        for (int i = 0; i < reference.to().size(); i++) {
            if (removed.contains(reference.to().get(i))) {
                int field = reference.firstTarget() + i * reference.idWidth();
                edits.delete(field, field + reference.idWidth());
            } else {
                left++;
            }
        }
        edits.writeUnsigned(reference.count().offset(), 2, left);
        shrinking.add(reference.box());
    }

    /** Entity groups (grpl) may name items; groups are not rewritten, so a group naming a removed item is refused. */
    private void checkEntityGroups() {
        if (removed.stream().anyMatch(meta.groupedEntities()::contains)) {
            throw new Refusal(RefusalReason.METADATA_NOT_REMOVABLE,
                    "an entity group names a metadata item, and groups are not rewritten");
        }
    }

    private void rewriteSizes() {
        for (Box box : shrinking) {
            long size = box.size() - edits.deletedWithin(box.start(), box.end());
            switch (box.sizeField()) {
                case COMPACT -> edits.writeUnsigned(box.start(), 4, size);
                case LARGE -> edits.writeUnsigned(box.start() + 8, 8, size);
                case TO_END -> {
                    // runs to the end of the file: its size follows from where the file ends
                }
            }
        }
        long lost = edits.deletedWithin(meta.box().start(), meta.box().end());
        if (meta.box().sizeField() != Box.SizeField.TO_END) {
            if (lost < FREE_HEADER) {
                throw new IllegalStateException("an item's removal took out fewer bytes than a box header");
            }
            byte[] free = new byte[(int) lost];
            free[0] = (byte) (lost >>> 24);
            free[1] = (byte) (lost >>> 16);
            free[2] = (byte) (lost >>> 8);
            free[3] = (byte) lost;
            System.arraycopy(FREE, 0, free, 4, 4);
            edits.insert(meta.box().end(), free);
        }
    }
}
