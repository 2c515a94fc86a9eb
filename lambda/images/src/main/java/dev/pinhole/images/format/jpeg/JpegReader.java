package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.ImageSignatures;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a JPEG from SOI to EOI: every segment's length within the file, the frame, table and scan headers
 * checked, the entropy-coded data skipped to the next real marker. Never decodes a pixel, so the cost is
 * one pass over the bytes, and every count it keeps is bounded.
 */
final class JpegReader {
    /**
     * libjpeg-turbo's own suggestion for untrusted input (TJFLAG_LIMITSCANS): each progressive scan makes a
     * browser revisit the whole picture, and real encoders write 10 to 20.
     */
    static final int MAX_SCANS = 500;

    private final byte[] data;
    private final InspectionLimits limits;
    private final List<Segment> segments = new ArrayList<>();
    private FrameHeader frame;
    private int quantTables;
    private int scans;

    private JpegReader(byte[] data, InspectionLimits limits) {
        this.data = data;
        this.limits = limits;
    }

    static JpegLayout read(byte[] data, InspectionLimits limits) {
        requireStartOfImage(data);
        return new JpegReader(data, limits).walk();
    }

    /** A JPEG starts with SOI; the walk takes it from there (a file of just SOI is truncated). */
    private static void requireStartOfImage(byte[] data) {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != Markers.SOI) {
            throw ImageSignatures.refuseAs("JPEG", data);
        }
    }

    private JpegLayout walk() {
        segments.add(new Segment(Markers.SOI, 0, 2, 2, 2));
        int pos = 2;
        while (true) {
            int start = pos;
            if (pos >= data.length) {
                throw new Refusal(RefusalReason.TRUNCATED, "the file ends at byte " + pos + ", before the end-of-image marker");
            }
            if (data[pos] != (byte) 0xFF) {
                throw new Refusal(RefusalReason.MALFORMED, String.format(
                        "expected a marker at byte %d but found 0x%02X", pos, data[pos] & 0xFF));
            }
            while (pos < data.length && data[pos] == (byte) 0xFF) {
                pos++;
            }
            if (pos >= data.length) {
                throw runsPastTheEnd("the marker at byte " + start);
            }
            int marker = data[pos] & 0xFF;
            pos++;
            if (marker == Markers.EOI) {
                segments.add(new Segment(marker, start, pos, pos, pos));
                return finish(pos);
            }
            Segment segment = segment(marker, start, pos);
            segments.add(segment);
            if (segments.size() > limits.maxParts()) {
                throw new Refusal(RefusalReason.TOO_COMPLEX,
                        "the file has more than " + limits.maxParts() + " segments");
            }
            pos = segment.end();
        }
    }

    /** The messages are built only for a refusal: a photo has a dozen segments, and a flood 100,000. */
    private Segment segment(int marker, int start, int markerEnd) {
        Markers.requireSegmentMarker(marker, start);
        if (markerEnd + 2 > data.length) {
            throw runsPastTheEnd("the length of the " + Markers.name(marker) + " segment at byte " + start);
        }
        int length = (data[markerEnd] & 0xFF) << 8 | data[markerEnd + 1] & 0xFF;
        if (length < 2) {
            throw new Refusal(RefusalReason.MALFORMED,
                    Markers.name(marker) + " at byte " + start + " declares a length of " + length);
        }
        if (length > data.length - markerEnd) {
            throw runsPastTheEnd("the " + Markers.name(marker) + " segment at byte " + start);
        }
        int payload = markerEnd + 2;
        int payloadEnd = markerEnd + length;
        Segment segment = new Segment(marker, start, payload, payloadEnd, payloadEnd);
        switch (marker) {
            case Markers.SOF0, Markers.SOF1, Markers.SOF2 -> {
                if (frame != null) {
                    throw new Refusal(RefusalReason.MALFORMED, "a second frame header at byte " + start);
                }
                frame = FrameHeader.read(data, segment, limits);
            }
            case Markers.DQT -> quantTables = TableSegments.readQuantisation(data, segment, quantTables);
            case Markers.DHT -> TableSegments.checkHuffman(data, segment);
            case Markers.DRI -> TableSegments.checkFixedLength(segment);
            case Markers.DNL -> {
                if (scans == 0) {
                    throw new Refusal(RefusalReason.MALFORMED, "DNL at byte " + start + " comes before the first scan");
                }
                TableSegments.checkFixedLength(segment);
            }
            case Markers.SOS -> {
                return scan(segment);
            }
            default -> {
                // APPn and COM: metadata, judged by the cleaner; here only their length matters.
            }
        }
        return segment;
    }

    private Segment scan(Segment header) {
        if (frame == null) {
            throw new Refusal(RefusalReason.MALFORMED, "a scan at byte " + header.start() + " before any frame header");
        }
        if (++scans > Math.min(MAX_SCANS, limits.maxParts())) {
            throw new Refusal(RefusalReason.TOO_COMPLEX, "the file has more than "
                    + Math.min(MAX_SCANS, limits.maxParts()) + " scans");
        }
        ScanHeader.check(data, header, frame, quantTables);
        int end = EntropyCodedData.end(data, header.payloadEnd());
        return new Segment(header.marker(), header.start(), header.payload(), header.payloadEnd(), end);
    }

    /** The refusal {@link Bytes#require} makes, for the checks this walk does inline. */
    private static Refusal runsPastTheEnd(String what) {
        return new Refusal(RefusalReason.TRUNCATED, what + " runs past the end of the file");
    }

    private JpegLayout finish(int imageEnd) {
        if (frame == null || scans == 0) {
            throw new Refusal(RefusalReason.MALFORMED, "the end-of-image marker comes before any "
                    + (frame == null ? "frame header" : "scan"));
        }
        return new JpegLayout(segments, frame, imageEnd);
    }
}
