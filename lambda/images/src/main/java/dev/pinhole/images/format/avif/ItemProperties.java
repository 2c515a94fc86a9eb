package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 'iprp' box: one 'ipco' with the properties (ispe, av1C, colr...), then one or more 'ipma' boxes that
 * associate items with properties by 1-based index. {@code associationCounts} holds each ipma's entry count.
 */
record ItemProperties(Box box, List<Box> properties, List<Box> ipmas, List<CountField> associationCounts,
                      Map<Long, Association> associations) {

    static ItemProperties read(byte[] data, Box iprp, PartBudget parts) {
        List<Box> children = BoxList.children(data, iprp, iprp.payload(), parts);
        if (children.isEmpty() || !children.get(0).is("ipco")) {
            throw malformed("the 'iprp' box does not start with an 'ipco' box");
        }
        List<Box> properties = BoxList.children(data, children.get(0), children.get(0).payload(), parts);
        List<Box> ipmas = new ArrayList<>();
        List<CountField> counts = new ArrayList<>();
        Map<Long, Association> associations = new LinkedHashMap<>();
        for (Box child : children.subList(1, children.size())) {
            if (!child.is("ipma")) {
                throw malformed("the 'iprp' box holds " + child.describe() + ", not 'ipma'");
            }
            ipmas.add(child);
            counts.add(readIpma(data, child, ipmas.size() - 1, properties.size(), parts, associations));
        }
        return new ItemProperties(iprp, List.copyOf(properties), List.copyOf(ipmas), List.copyOf(counts),
                Collections.unmodifiableMap(associations));
    }

    /** The property boxes associated with {@code itemId}, in association order. */
    List<Box> of(long itemId) {
        Association association = associations.get(itemId);
        if (association == null) {
            return List.of();
        }
        return association.properties().stream().map(p -> properties.get(p.index() - 1)).toList();
    }

    Optional<Box> of(long itemId, String type) {
        return of(itemId).stream().filter(box -> box.is(type)).findFirst();
    }

    private static CountField readIpma(byte[] data, Box ipma, int ipmaIndex, int propertyCount, PartBudget parts,
                                       Map<Long, Association> into) {
        BoxCursor cursor = new BoxCursor(data, ipma);
        int version = cursor.fullBoxVersion();
        boolean wideIndexes = (cursor.fullBoxFlags() & 1) != 0;
        CountField count = new CountField(cursor.position(), 4, cursor.u32());
        for (long i = 0; i < count.value(); i++) {
            parts.count("ipma entry");
            int entryStart = cursor.position();
            long itemId = version < 1 ? cursor.u16() : cursor.u32();
            if (into.containsKey(itemId)) {
                throw malformed("item " + itemId + " has two 'ipma' entries");
            }
            int associationCount = cursor.u8();
            List<Association.Property> properties = new ArrayList<>(associationCount);
            for (int a = 0; a < associationCount; a++) {
                parts.count("property association");
                int fieldOffset = cursor.position();
                int value = wideIndexes ? cursor.u16() : cursor.u8();
                int width = wideIndexes ? 2 : 1;
                int index = value & (wideIndexes ? 0x7FFF : 0x7F);
                boolean essential = (value >> (width * 8 - 1)) != 0;
                if (index > propertyCount) {
                    throw malformed("item " + itemId + " is associated with property " + index + " of " + propertyCount);
                }
                if (index > 0) {
                    properties.add(new Association.Property(index, essential, fieldOffset, width));
                }
            }
            into.put(itemId, new Association(itemId, ipmaIndex, List.copyOf(properties), entryStart, cursor.position()));
        }
        if (cursor.remaining() != 0) {
            throw malformed("the 'ipma' box has " + cursor.remaining() + " bytes after its last entry");
        }
        return count;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
