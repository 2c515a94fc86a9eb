package dev.pinhole.images.format;

import java.io.InputStream;
import java.util.Set;

/**
 * The result of removing metadata: the bytes to publish and, in plain categories, what was taken out
 * (so the page can say "Location and camera details removed").
 *
 * <p>The bytes are either an array the cleaner built (WebP and AVIF rewrite their containers' sizes and
 * offsets) or {@linkplain #spliced parts of the upload} with a few new bytes between them (JPEG, PNG and GIF
 * leave out whole segments, chunks or blocks). The publisher streams the parts into its PUT, so a spliced
 * photo is never copied whole; {@link #bytes} joins them into one array only when asked. {@code bytes} is
 * the input array itself when {@code removed} is empty. Not thread-safe: one cleaning belongs to one upload.
 */
public final class Cleaning {
    private final ByteSplice parts;
    private final boolean spliced;
    private final Set<MetadataKind> removed;
    private byte[] joined;

    /** Bytes the cleaner built as a whole, and what it took out. */
    public Cleaning(byte[] bytes, Set<MetadataKind> removed) {
        this(whole(bytes), false, removed);
    }

    private Cleaning(ByteSplice parts, boolean spliced, Set<MetadataKind> removed) {
        this.parts = parts;
        this.spliced = spliced;
        this.removed = Set.copyOf(removed);
    }

    public static Cleaning unchanged(byte[] image) {
        return new Cleaning(image, Set.of());
    }

    /** The parts of the upload a cleaner kept, and what it took out; nothing is copied. */
    public static Cleaning spliced(ByteSplice parts, Set<MetadataKind> removed) {
        return new Cleaning(parts, true, removed);
    }

    public Set<MetadataKind> removed() {
        return removed;
    }

    public boolean changed() {
        return !removed.isEmpty();
    }

    /**
     * True when the bytes are whole parts of the upload, left in their order, with new parts between them,
     * false when the cleaner built a new container. The publisher walks only the latter again before publishing.
     */
    public boolean spliced() {
        return spliced;
    }

    /** How many bytes will be published. */
    public long length() {
        return parts.length();
    }

    /** The bytes to publish as a new stream, read straight from the parts; each call starts from the beginning. */
    public InputStream newStream() {
        return parts.newStream();
    }

    /** The bytes to publish in one array: joined on the first call when spliced (one copy), then kept. */
    public byte[] bytes() {
        if (joined == null) {
            joined = parts.join();
        }
        return joined;
    }

    private static ByteSplice whole(byte[] bytes) {
        ByteSplice all = new ByteSplice(bytes);
        all.keep(0, bytes.length);
        return all;
    }
}
