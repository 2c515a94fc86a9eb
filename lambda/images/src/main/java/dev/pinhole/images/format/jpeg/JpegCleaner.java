package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.ByteSplice;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rewrites a walked JPEG with the decisions of {@link SegmentRules}: kept segments stay as they are (the scans
 * and their compressed data among them, so not a pixel changes), replaced ones are written with their new
 * payload, dropped ones and everything after EOI are left out. The result is a splice of the upload's own
 * bytes: nothing of the compressed data is copied here.
 */
final class JpegCleaner {
    private JpegCleaner() {
    }

    static Cleaning clean(byte[] image, JpegLayout layout, Set<MetadataKind> trailerKinds, MetadataPolicy policy) {
        SegmentRules rules = new SegmentRules(image, policy);
        ByteSplice result = new ByteSplice(image);
        Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
        for (Segment segment : layout.segments()) {
            Decision decision = rules.decide(segment);
            removed.addAll(decision.removed());
            switch (decision.action()) {
                case KEEP -> result.keep(segment.start(), segment.end());
                case REPLACE -> result.put(withHeader(segment.marker(), decision.payload()));
                case DROP -> { }
            }
        }
        if (layout.hasTrailer(image)) {
            removed.addAll(trailerKinds.isEmpty() ? Set.of(MetadataKind.OTHER) : trailerKinds);
        }
        if (removed.isEmpty()) {
            return Cleaning.unchanged(image);
        }
        return Cleaning.spliced(result, removed);
    }

    /** A replaced segment: its marker, its length (which counts itself), and the new payload. */
    private static byte[] withHeader(int marker, byte[] payload) {
        byte[] segment = new byte[4 + payload.length];
        int length = payload.length + 2;
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return segment;
    }
}
