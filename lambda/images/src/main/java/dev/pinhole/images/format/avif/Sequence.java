package dev.pinhole.images.format.avif;

import java.util.List;

/**
 * The image sequence of an animated AVIF ('avis', a 'moov' box): how many frames its picture track has,
 * where every sample of every track lies in the file, and the boxes that carry only descriptive metadata
 * (udta, meta) which the cleaner blanks.
 */
record Sequence(int frames, List<Location.Extent> samples, List<Box> metadataBoxes) {
}
