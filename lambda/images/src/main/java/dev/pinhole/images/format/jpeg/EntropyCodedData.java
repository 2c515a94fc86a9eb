package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/** Finds where the compressed data after a scan header ends: at the first marker that is not part of it. */
final class EntropyCodedData {
    private EntropyCodedData() {
    }

    /**
     * Returns the offset of the 0xFF that starts the next marker (including its fill bytes). 0xFF00 is a
     * stuffed 0xFF data byte and RST0..RST7 separate restart intervals; both belong to the data.
     */
    static int end(byte[] data, int from) {
        int i = from;
        int length = data.length;
        while (true) {
            while (i < length && data[i] != (byte) 0xFF) {
                i++;
            }
            int marker = i + 1;
            while (marker < length && data[marker] == (byte) 0xFF) {
                marker++;
            }
            if (marker >= length) {
                throw new Refusal(RefusalReason.TRUNCATED,
                        "the file ends inside the compressed data of a scan (no end-of-image marker)");
            }
            if (!Markers.continuesEntropyData(data[marker] & 0xFF)) {
                return i;
            }
            i = marker + 1;
        }
    }
}
