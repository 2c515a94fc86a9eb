package dev.pinhole.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CloudFront invalidations the invalidator would create, kept instead of sent: the local links have no cache,
 * so a deleted image stops serving at once, and there is nothing to invalidate. Tests read what would have been
 * invalidated, to see that a delete names exactly its link's path.
 */
final class RecordedInvalidations {
    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** One CreateInvalidation: its paths ({@code /i/<name>}), in the order of the batch. */
    void send(List<String> batch) {
        paths.addAll(batch);
    }

    /** Every path of every batch so far, oldest first. */
    List<String> paths() {
        return List.copyOf(paths);
    }
}
