package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a walked JPEG with the decisions of {@link SegmentRules}: kept segments are copied as they are
 * (the scans and their compressed data among them, so not a pixel changes), replaced ones are written
 * with their new payload, dropped ones and everything after EOI are left out.
 */
final class JpegCleaner {
    private JpegCleaner() {
    }

    static Cleaning clean(byte[] image, JpegLayout layout, Set<MetadataKind> trailerKinds, MetadataPolicy policy) {
        SegmentRules rules = new SegmentRules(image, policy);
        List<Decision> decisions = new ArrayList<>(layout.segments().size());
        Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
        long size = 0;
        for (Segment segment : layout.segments()) {
            Decision decision = rules.decide(segment);
            decisions.add(decision);
            removed.addAll(decision.removed());
            size += switch (decision.action()) {
                case KEEP -> segment.end() - segment.start();
                case REPLACE -> 4 + decision.payload().length;
                case DROP -> 0;
            };
        }
        if (layout.hasTrailer(image)) {
            removed.addAll(trailerKinds.isEmpty() ? Set.of(MetadataKind.OTHER) : trailerKinds);
        }
        if (removed.isEmpty()) {
            return Cleaning.unchanged(image);
        }
        return new Cleaning(assemble(image, layout.segments(), decisions, (int) size), removed);
    }

    private static byte[] assemble(byte[] image, List<Segment> segments, List<Decision> decisions, int size) {
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Decision decision = decisions.get(i);
            if (decision.action() == Decision.Action.KEEP) {
                System.arraycopy(image, segment.start(), out, at, segment.end() - segment.start());
                at += segment.end() - segment.start();
            } else if (decision.action() == Decision.Action.REPLACE) {
                byte[] payload = decision.payload();
                int length = payload.length + 2;
                out[at] = (byte) 0xFF;
                out[at + 1] = (byte) segment.marker();
                out[at + 2] = (byte) (length >> 8);
                out[at + 3] = (byte) length;
                System.arraycopy(payload, 0, out, at + 4, payload.length);
                at += 4 + payload.length;
            }
        }
        return out;
    }
}
