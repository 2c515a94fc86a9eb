package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the cleaner does with one segment: keep it byte for byte, drop it, or write a smaller payload in
 * its place. Dropping or replacing always names what went, so "nothing removed" means "same bytes".
 */
record Decision(Action action, byte[] payload, Set<MetadataKind> removed) {
    enum Action { KEEP, DROP, REPLACE }

    private static final Decision KEEP = new Decision(Action.KEEP, null, Set.of());

    Decision {
        removed = Set.copyOf(removed);
    }

    static Decision keep() {
        return KEEP;
    }

    static Decision drop(MetadataKind kind) {
        return new Decision(Action.DROP, null, Set.of(kind));
    }

    static Decision drop(Set<MetadataKind> kinds) {
        return new Decision(Action.DROP, null, orOther(kinds));
    }

    static Decision replace(byte[] payload, Set<MetadataKind> kinds) {
        return new Decision(Action.REPLACE, payload, orOther(kinds));
    }

    /** Even when nothing nameable went (padding, a default orientation), the bytes changed: say "other". */
    private static Set<MetadataKind> orOther(Set<MetadataKind> kinds) {
        return kinds.isEmpty() ? EnumSet.of(MetadataKind.OTHER) : kinds;
    }
}
