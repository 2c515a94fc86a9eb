package dev.pinhole.images.format;

import java.util.Set;

/**
 * The result of removing metadata: the bytes to publish and, in plain categories, what was taken out
 * (so the page can say "Location and camera details removed"). {@code bytes} is the input array itself
 * when {@code removed} is empty.
 */
public record Cleaning(byte[] bytes, Set<MetadataKind> removed) {
    public Cleaning {
        removed = Set.copyOf(removed);
    }

    public static Cleaning unchanged(byte[] image) {
        return new Cleaning(image, Set.of());
    }

    public boolean changed() {
        return !removed.isEmpty();
    }
}
