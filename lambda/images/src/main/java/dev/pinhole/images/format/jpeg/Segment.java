package dev.pinhole.images.format.jpeg;

/**
 * One marker and what belongs to it, as offsets into the file.
 *
 * @param marker     the marker code (the byte after 0xFF)
 * @param start      the first byte of the segment, including any 0xFF fill bytes before the marker
 * @param payload    the first byte after the marker and its length field (for SOI and EOI: after the marker)
 * @param payloadEnd the end of the marker segment as its length field declares it
 * @param end        the end of everything the segment owns: for SOS, the end of the entropy-coded data after it
 */
record Segment(int marker, int start, int payload, int payloadEnd, int end) {
    int payloadLength() {
        return payloadEnd - payload;
    }

    /** Whether the payload starts with {@code identifier} (the APPn signature such as "Exif\0\0"). */
    boolean payloadStartsWith(byte[] image, byte[] identifier) {
        if (payloadLength() < identifier.length) {
            return false;
        }
        for (int i = 0; i < identifier.length; i++) {
            if (image[payload + i] != identifier[i]) {
                return false;
            }
        }
        return true;
    }
}
