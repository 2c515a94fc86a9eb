package dev.pinhole.local;

import dev.pinhole.images.cdn.Invalidations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CloudFront invalidations the invalidator would create, kept instead of sent: the local links have no cache,
 * so a deleted image stops serving at once, and there is nothing to invalidate. Tests read what would have been
 * invalidated, to see that a delete names exactly its link's path. Like CloudFront, a batch sent again with the
 * same caller reference is the invalidation already made, not a second one.
 */
final class RecordedInvalidations implements Invalidations {
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, String> idsByCallerReference = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();

    @Override
    public String send(List<String> batch, String callerReference) {
        return idsByCallerReference.computeIfAbsent(callerReference, reference -> {
            paths.addAll(batch);
            return "LOCAL" + made.incrementAndGet();
        });
    }

    /** Every path of every batch so far, oldest first. */
    List<String> paths() {
        return List.copyOf(paths);
    }
}
