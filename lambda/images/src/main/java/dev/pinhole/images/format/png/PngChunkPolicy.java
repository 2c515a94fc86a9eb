package dev.pinhole.images.format.png;

import java.util.Set;

/**
 * Which chunks a published PNG keeps: the ones that decide what the picture looks like (pixels, palette,
 * transparency, colour space and HDR description, physical size, animation) and nothing that describes
 * who made it, when, where or with what. Every chunk not named here is removed, known or not.
 */
final class PngChunkPolicy {
    private static final Set<String> KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND",                         // the image itself
            "tRNS", "bKGD", "hIST", "sBIT", "sPLT", "pHYs",          // transparency, background, palette hints, size
            "cHRM", "gAMA", "iCCP", "sRGB", "cICP", "mDCV", "cLLI",  // colour space and HDR
            "acTL", "fcTL", "fdAT");                                 // APNG animation

    private PngChunkPolicy() {
    }

    static boolean keeps(String type) {
        return KEPT.contains(type);
    }
}
