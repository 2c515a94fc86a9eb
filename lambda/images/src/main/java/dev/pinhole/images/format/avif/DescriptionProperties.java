package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.MetadataKind;
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
        for (int index = 1; index <= properties.properties().size(); index++) {
            Box property = properties.properties().get(index - 1);
            if (property.is("udes") && turnIntoFreeSpace.test(property, MetadataKind.TEXT)) {
                clearEssentialBits(index);
            }
        }
    }

    private void clearEssentialBits(int index) {
        for (Association association : meta.properties().associations()) {
            if (edits.isDeleted(association.entryStart(), association.entryEnd())) {
                continue;
            }
            for (Association.Property property : association.properties()) {
                if (property.index() == index && property.essential()) {
                    edits.writeUnsigned(property.fieldOffset(), property.fieldWidth(), index);
                }
            }
        }
    }
}
