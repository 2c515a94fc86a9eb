package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataKinds;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which items leave the file and what each one held: Exif items, XMP ('mime' application/rdf+xml)
 * and other 'mime' or 'uri ' items, thumbnails ('thmb' references), then whatever only serves removed items
 * (a thumbnail's alpha plane, the tiles of a thumbnail grid). The primary item always stays.
 *
 * <p>The second step propagates removals along the references with counters (references still pointing
 * at a kept item), so its work is proportional to the number of references, whatever their shape.
 */
final class ItemRemoval {
    /** References from an item that say it exists for its targets: remove it when all of them are removed. */
    private static final Set<String> SERVING_REFERENCES = Set.of("auxl", "cdsc", "thmb", "prem");

    private final byte[] data;
    private final Meta meta;
    private final Map<Long, Set<MetadataKind>> removed = new LinkedHashMap<>();
    /** For each item, its serving references' targets that are still kept; it goes when that reaches 0. */
    private final Map<Long, Integer> keptServed = new HashMap<>();
    /** For each item, the references naming it other than 'dimg' from a removed item; a tile goes at 0. */
    private final Map<Long, Integer> keptNamers = new HashMap<>();
    private final Map<Long, List<Reference>> naming = new HashMap<>();
    private final Map<Long, List<Reference>> dimgFrom = new HashMap<>();
    private final Deque<Long> newlyRemoved = new ArrayDeque<>();
    /**
     * XMP extents may overlap, so a hostile file could ask for its bytes to be scanned many times over: the
     * scanning stops after as many bytes as the file has, and what is left is reported as anything XMP can hold.
     */
    private long scanBudget;

    private ItemRemoval(byte[] data, Meta meta) {
        this.data = data;
        this.meta = meta;
        this.scanBudget = data.length;
    }

    /** The items to remove, each with the kinds of metadata it carried. */
    static Map<Long, Set<MetadataKind>> decide(byte[] data, Meta meta) {
        ItemRemoval removal = new ItemRemoval(data, meta);
        removal.indexReferences();
        removal.metadataItems();
        removal.itemsServingOnlyRemovedOnes();
        removal.checkNothingKeptNeedsThem();
        return removal.removed;
    }

    private void indexReferences() {
        for (Reference reference : meta.references().references()) {
            if (SERVING_REFERENCES.contains(reference.type())) {
                keptServed.merge(reference.from(), reference.to().size(), Integer::sum);
            }
            if (reference.type().equals("dimg")) {
                dimgFrom.computeIfAbsent(reference.from(), id -> new ArrayList<>()).add(reference);
            }
            for (long to : reference.to()) {
                keptNamers.merge(to, 1, Integer::sum);
                naming.computeIfAbsent(to, id -> new ArrayList<>()).add(reference);
            }
        }
    }

    private void metadataItems() {
        Set<Long> thumbnails = new java.util.HashSet<>();
        meta.references().references().stream().filter(r -> r.type().equals("thmb")).forEach(r -> thumbnails.add(r.from()));
        for (Item item : meta.infos().items().values()) {
            if (item.id() == meta.primary()) {
                continue;
            }
            if (item.isExif()) {
                remove(item.id(), MetadataKinds.EXIF);
            } else if (item.isXmp()) {
                remove(item.id(), xmpKinds(item));
            } else if (item.type().equals("mime") || item.type().equals("uri ")) {
                remove(item.id(), Set.of(MetadataKind.OTHER));
            } else if (thumbnails.contains(item.id())) {
                remove(item.id(), Set.of(MetadataKind.THUMBNAIL));
            }
        }
    }

    private void itemsServingOnlyRemovedOnes() {
        while (!newlyRemoved.isEmpty()) {
            long gone = newlyRemoved.poll();
            for (Reference reference : naming.getOrDefault(gone, List.of())) {
                if (SERVING_REFERENCES.contains(reference.type()) && keptServed.merge(reference.from(), -1, Integer::sum) == 0) {
                    remove(reference.from(), Set.of(MetadataKind.THUMBNAIL));
                }
            }
            for (Reference tiles : dimgFrom.getOrDefault(gone, List.of())) {
                for (long tile : tiles.to()) {
                    if (keptNamers.merge(tile, -1, Integer::sum) == 0) {
                        remove(tile, Set.of(MetadataKind.THUMBNAIL));
                    }
                }
            }
        }
    }

    private void remove(long id, Set<MetadataKind> kinds) {
        if (id != meta.primary() && removed.putIfAbsent(id, kinds) == null) {
            newlyRemoved.add(id);
        }
    }

    private void checkNothingKeptNeedsThem() {
        for (Map.Entry<Long, List<Reference>> entry : dimgFrom.entrySet()) {
            if (removed.containsKey(entry.getKey())) {
                continue;
            }
            for (Reference reference : entry.getValue()) {
                if (reference.to().stream().anyMatch(removed::containsKey)) {
                    throw new Refusal(RefusalReason.METADATA_NOT_REMOVABLE, "item " + reference.from()
                            + " is built from a metadata or thumbnail item");
                }
            }
        }
    }

    /** An uncompressed packet is scanned for what it names; a compressed one may name anything. */
    private Set<MetadataKind> xmpKinds(Item item) {
        Location location = meta.locations().locations().get(item.id());
        if (!item.contentEncoding().isEmpty()) {
            return MetadataKinds.ANY_XMP;
        }
        if (location == null) {
            return Set.of(MetadataKind.OTHER);
        }
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        for (Location.Extent extent : location.extents()) {
            scanBudget -= extent.length();
            if (scanBudget < 0) {
                return MetadataKinds.ANY_XMP;
            }
            kinds.addAll(MetadataKinds.ofXmp(data, ItemData.fileOffset(meta, location, extent), (int) extent.length()));
        }
        if (kinds.size() > 1) {
            kinds.remove(MetadataKind.OTHER);
        }
        return kinds;
    }
}
