package dev.pinhole.images.format.avif;

/** An entry count in a box (iinf, iloc, ipma, a reference): where it is written and how wide, for rewriting it. */
record CountField(int offset, int width, long value) {
}
