package dev.pinhole.images.store;

import dev.pinhole.core.ImageMetadata;
import dev.pinhole.images.format.MetadataKind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a published image says what the publisher removed: user metadata {@link ImageMetadata#REMOVED}, the kinds in
 * lower case, comma-separated, or "none".
 */
public final class RemovedKinds {
    static final String NOTHING_REMOVED = "none";

    private RemovedKinds() {
    }

    /** The metadata value for these kinds. */
    public static String value(Set<MetadataKind> removed) {
        if (removed.isEmpty()) {
            return NOTHING_REMOVED;
        }
        return removed.stream().sorted().map(kind -> kind.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    /** The kinds a published image's user metadata names (lower case); none when it names none. */
    public static Set<String> of(Map<String, String> metadata) {
        String value = metadata == null ? null : metadata.get(ImageMetadata.REMOVED);
        if (value == null || value.isBlank() || NOTHING_REMOVED.equals(value)) {
            return Set.of();
        }
        Set<String> kinds = new TreeSet<>();
        for (String item : value.split(",")) {
            kinds.add(item.trim());
        }
        return kinds;
    }
}
