package dev.pinhole.images.format.avif;

import java.util.List;

/**
 * One item's entry in an 'ipma' box (the {@code ipma}-th of 'iprp'): the properties (1-based indexes into
 * 'ipco') associated with it. Each association records where its field is, so a cleaner can clear its
 * "essential" bit.
 */
record Association(long itemId, int ipma, List<Property> properties, int entryStart, int entryEnd) {
    record Property(int index, boolean essential, int fieldOffset, int fieldWidth) {
    }
}
