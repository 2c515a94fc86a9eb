package dev.pinhole.images.format.avif;

import java.util.List;
import java.util.Set;

/**
 * The parsed 'meta' box of a HEIF/AVIF file: its children and the item tables they hold. {@code idat} is
 * null when the file has no 'idat' box; {@code references} is {@link ItemReferences#NONE} without 'iref';
 * {@code groupedEntities} are the ids that 'grpl' entity groups name.
 */
record Meta(Box box, List<Box> children, long primary, ItemInfos infos, ItemLocations locations,
            ItemProperties properties, ItemReferences references, Box idat, Set<Long> groupedEntities) {

    Item primaryItem() {
        return infos.items().get(primary);
    }
}
