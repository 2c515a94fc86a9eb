package dev.pinhole.images.format.gif;

import dev.pinhole.images.format.ByteSplice;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.XmpContents;
import java.util.EnumSet;
import java.util.Set;

/**
 * Removes a GIF's metadata by dropping whole blocks: comment extensions, and application extensions other
 * than the animation loop (NETSCAPE2.0, ANIMEXTS1.0) and the colour profile (ICCRGBG1012); XMP ("XMP
 * DataXMP") goes with the rest. Image data, graphic control and plain text extensions are copied byte for
 * byte. A GIF has no copyright field of its own, so {@link MetadataPolicy#keepCopyright} changes nothing here.
 */
final class GifCleaner {
    private static final Set<String> KEPT_APPLICATIONS = Set.of("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012");
    private static final String XMP = "XMP DataXMP";
    /** The cleaner walks what inspect accepted: no limit of its own, only the structure's checks. */
    private static final InspectionLimits NO_LIMITS =
            new InspectionLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final byte[] data;
    private final ByteSplice result;
    private final Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private int keptUpTo;

    GifCleaner(byte[] data) {
        this.data = data;
        this.result = new ByteSplice(data);
    }

    Cleaning clean() {
        GifWalker.walk(data, NO_LIMITS, this::visit);
        result.keep(keptUpTo, data.length); // the last kept block's end through the trailer
        return removed.isEmpty() ? Cleaning.unchanged(data) : Cleaning.spliced(result, removed);
    }

    private void visit(GifBlock block) {
        Set<MetadataKind> kinds = removes(block);
        if (!kinds.isEmpty()) {
            result.keep(keptUpTo, block.start());
            keptUpTo = block.end();
            removed.addAll(kinds);
        }
    }

    /** What dropping {@code block} takes away; empty for a block that stays. */
    private Set<MetadataKind> removes(GifBlock block) {
        return switch (block.kind()) {
            case COMMENT -> Set.of(MetadataKind.TEXT);
            case APPLICATION -> {
                if (KEPT_APPLICATIONS.contains(block.application())) {
                    yield Set.of();
                }
                // XMP in GIF is raw UTF-8 after the 14-byte header (introducer, label, size, identifier).
                yield block.application().equals(XMP)
                        ? XmpContents.read(data, block.start() + 14, block.end() - block.start() - 14)
                        : Set.of(MetadataKind.OTHER);
            }
            default -> Set.of();
        };
    }
}
