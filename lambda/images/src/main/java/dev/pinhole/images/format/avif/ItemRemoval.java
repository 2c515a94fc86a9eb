package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataKinds;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which items leave the file and what each one held: Exif items, XMP ('mime' application/rdf+xml)
 * and other 'mime' or 'uri ' items, thumbnails ('thmb' references), then whatever only serves removed items
 * (a thumbnail's alpha plane, the tiles of a thumbnail grid). The primary item always stays.
 */
final class ItemRemoval {
    /** References from an item that say it exists for its targets: remove it when all of them are removed. */
    private static final Set<String> SERVING_REFERENCES = Set.of("auxl", "cdsc", "thmb", "prem");

    private final byte[] data;
    private final Meta meta;
    private final Map<Long, Set<MetadataKind>> removed = new LinkedHashMap<>();

    private ItemRemoval(byte[] data, Meta meta) {
        this.data = data;
        this.meta = meta;
    }

    /** The items to remove, each with the kinds of metadata it carried. */
    static Map<Long, Set<MetadataKind>> decide(byte[] data, Meta meta) {
        ItemRemoval removal = new ItemRemoval(data, meta);
        removal.metadataItems();
        removal.itemsServingOnlyRemovedOnes();
        removal.checkNothingKeptNeedsThem();
        return removal.removed;
    }

    private void metadataItems() {
        for (Item item : meta.infos().items().values()) {
            if (item.id() == meta.primary()) {
                continue;
            }
            if (item.isExif()) {
                removed.put(item.id(), MetadataKinds.EXIF);
            } else if (item.isXmp()) {
                removed.put(item.id(), xmpKinds(item));
            } else if (item.type().equals("mime") || item.type().equals("uri ")) {
                removed.put(item.id(), Set.of(MetadataKind.OTHER));
            } else if (meta.references().references().stream().anyMatch(r -> r.from() == item.id() && r.type().equals("thmb"))) {
                removed.put(item.id(), Set.of(MetadataKind.THUMBNAIL));
            }
        }
    }

    /** Repeats until nothing changes: each round removes at least one item, so it ends after at most one per item. */
    private void itemsServingOnlyRemovedOnes() {
        boolean changed = !removed.isEmpty();
        while (changed) {
            changed = false;
            for (Item item : meta.infos().items().values()) {
                long id = item.id();
                if (id != meta.primary() && !removed.containsKey(id) && (servesOnlyRemoved(id) || isTileOfRemovedOnly(id))) {
                    removed.put(id, Set.of(MetadataKind.THUMBNAIL));
                    changed = true;
                }
            }
        }
    }

    private boolean servesOnlyRemoved(long id) {
        List<Reference> serving = meta.references().references().stream()
                .filter(r -> r.from() == id && SERVING_REFERENCES.contains(r.type())).toList();
        return !serving.isEmpty() && serving.stream().allMatch(r -> removed.keySet().containsAll(r.to()));
    }

    /** A grid's tiles are named only by the grid's 'dimg' reference: with the grid gone, nothing shows them. */
    private boolean isTileOfRemovedOnly(long id) {
        boolean named = false;
        for (Reference reference : meta.references().references()) {
            if (reference.to().contains(id)) {
                if (!reference.type().equals("dimg") || !removed.containsKey(reference.from())) {
                    return false;
                }
                named = true;
            }
        }
        return named;
    }

    private void checkNothingKeptNeedsThem() {
        for (Reference reference : meta.references().references()) {
            if (!removed.containsKey(reference.from()) && reference.type().equals("dimg")
                    && reference.to().stream().anyMatch(removed::containsKey)) {
                throw new Refusal(RefusalReason.METADATA_NOT_REMOVABLE, "item " + reference.from()
                        + " is built from a metadata or thumbnail item");
            }
        }
    }

    /** An uncompressed packet is scanned for what it names; a compressed one may name anything. */
    private Set<MetadataKind> xmpKinds(Item item) {
        Location location = meta.locations().locations().get(item.id());
        if (!item.contentEncoding().isEmpty() || location == null) {
            return item.contentEncoding().isEmpty() ? Set.of(MetadataKind.OTHER) : MetadataKinds.ANY_XMP;
        }
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        for (Location.Extent extent : location.extents()) {
            kinds.addAll(MetadataKinds.ofXmp(data, ItemData.fileOffset(meta, location, extent), (int) extent.length()));
        }
        if (kinds.size() > 1) {
            kinds.remove(MetadataKind.OTHER);
        }
        return kinds;
    }
}
