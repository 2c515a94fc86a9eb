package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.MetadataKind;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * HEIF's user description property ('udes': a name, a description and tags, in words someone typed) is
 * the one property that carries text about the picture. It becomes a 'free' box of the same size, so
 * the indexes of the other properties do not change, and associations to it lose their "essential" bit,
 * which would otherwise make a reader refuse the item for a property it does not know.
 */
final class DescriptionProperties {
    private final Meta meta;
    private final Edits edits;
    private final BiPredicate<Box, MetadataKind> turnIntoFreeSpace;

    DescriptionProperties(Meta meta, Edits edits, BiPredicate<Box, MetadataKind> turnIntoFreeSpace) {
        this.meta = meta;
        this.edits = edits;
        this.turnIntoFreeSpace = turnIntoFreeSpace;
    }

    void remove() {
        ItemProperties properties = meta.properties();
        Set<Integer> blanked = new HashSet<>();
        for (int index = 1; index <= properties.properties().size(); index++) {
            Box property = properties.properties().get(index - 1);
            if (property.is("udes") && turnIntoFreeSpace.test(property, MetadataKind.TEXT)) {
                blanked.add(index);
            }
        }
        if (!blanked.isEmpty()) {
            clearEssentialBits(blanked);
        }
    }

    private void clearEssentialBits(Set<Integer> indexes) {
        for (Association association : meta.properties().associations().values()) {
            if (edits.isDeleted(association.entryStart(), association.entryEnd())) {
                continue;
            }
            for (Association.Property property : association.properties()) {
                if (property.essential() && indexes.contains(property.index())) {
                    edits.writeUnsigned(property.fieldOffset(), property.fieldWidth(), property.index());
                }
            }
        }
    }
}
