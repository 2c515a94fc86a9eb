package dev.pinhole.images.format.avif;

import java.util.List;

/**
 * The parsed 'meta' box of a HEIF/AVIF file: its children and the item tables they hold. {@code idat} is
 * null when the file has no 'idat' box; {@code references} is {@link ItemReferences#NONE} without 'iref'.
 */
record Meta(Box box, List<Box> children, long primary, ItemInfos infos, ItemLocations locations,
            ItemProperties properties, ItemReferences references, Box idat) {

    Item primaryItem() {
        return infos.items().get(primary);
    }
}
