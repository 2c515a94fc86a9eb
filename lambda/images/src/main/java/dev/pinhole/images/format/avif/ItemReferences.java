package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;

/** The 'iref' box: one box per (reference type, from item), each listing the items it refers to. */
record ItemReferences(Box box, List<Reference> references) {
    static final ItemReferences NONE = new ItemReferences(null, List.of());

    static ItemReferences read(byte[] data, Box iref, PartBudget parts) {
        BoxCursor header = new BoxCursor(data, iref);
        int version = header.fullBoxVersion();
        int idWidth = version == 0 ? 2 : 4;
        List<Reference> references = new ArrayList<>();
        for (Box box : BoxList.children(data, iref, header.position(), parts)) {
            BoxCursor cursor = new BoxCursor(data, box);
            long from = cursor.sized(idWidth);
            CountField count = new CountField(cursor.position(), 2, cursor.u16());
            int firstTarget = cursor.position();
            List<Long> to = new ArrayList<>((int) count.value());
            for (long i = 0; i < count.value(); i++) {
                parts.count("item reference");
                to.add(cursor.sized(idWidth));
            }
            if (cursor.remaining() != 0) {
                throw new Refusal(RefusalReason.MALFORMED, box.describe() + " has bytes after its last reference");
            }
            references.add(new Reference(box, from, List.copyOf(to), count, firstTarget, idWidth));
        }
        return new ItemReferences(iref, List.copyOf(references));
    }

    /** The references from {@code itemId} of one type; a scan, used for the primary item only. */
    List<Reference> from(long itemId, String type) {
        return references.stream().filter(r -> r.from() == itemId && r.type().equals(type)).toList();
    }
}
