package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.HashSet;
import java.util.Set;

/**
 * The 'grpl' box: entity groups ('altr' alternatives and the like), each a full box with a group id and
 * the ids of the items or tracks it groups. Only those ids matter here: a removed item must not be named.
 */
final class EntityGroups {
    private EntityGroups() {
    }

    static Set<Long> entities(byte[] data, Box grpl, PartBudget parts) {
        Set<Long> entities = new HashSet<>();
        for (Box group : BoxList.children(data, grpl, grpl.payload(), parts)) {
            BoxCursor cursor = new BoxCursor(data, group);
            cursor.fullBoxVersion();
            cursor.u32(); // group_id
            long count = cursor.u32();
            for (long i = 0; i < count; i++) {
                parts.count("entity");
                entities.add(cursor.u32());
            }
            if (cursor.remaining() != 0) {
                throw new Refusal(RefusalReason.MALFORMED, group.describe() + " has bytes after its last entity");
            }
        }
        return Set.copyOf(entities);
    }
}
