package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a 'moov' box along the one path that matters (trak, mdia, minf, stbl): each track's handler, its
 * sample entry's size (held to the pixel limit), its sample count (held to the frame limit) and, from the
 * sample tables, where each sample is (inside the file, or it was cut short). Fragmented movies (mvex)
 * are refused: their samples live in moof boxes no still-image reader walks.
 */
final class SequenceReader {
    private final byte[] data;
    private final InspectionLimits limits;
    private final PartBudget parts;
    private final List<Location.Extent> samples = new ArrayList<>();
    private final List<Box> metadataBoxes = new ArrayList<>();

    private SequenceReader(byte[] data, InspectionLimits limits, PartBudget parts) {
        this.data = data;
        this.limits = limits;
        this.parts = parts;
    }

    static Sequence read(byte[] data, Box moov, InspectionLimits limits, PartBudget parts) {
        return new SequenceReader(data, limits, parts).movie(moov);
    }

    private Sequence movie(Box moov) {
        Integer pictureFrames = null;
        for (Box child : BoxList.children(data, moov, moov.payload(), parts)) {
            switch (child.type()) {
                case "mvex" -> throw malformed("the sequence is fragmented ('mvex'), which is not supported");
                case "udta", "meta" -> metadataBoxes.add(child);
                case "trak" -> {
                    Optional<Integer> frames = track(child);
                    if (pictureFrames == null && frames.isPresent()) {
                        pictureFrames = frames.get();
                    }
                }
                default -> {
                    // mvhd, iods...: timing and identifiers, nothing to check or remove
                }
            }
        }
        if (pictureFrames == null) {
            throw malformed("the sequence has no picture track");
        }
        if (pictureFrames == 0) {
            throw malformed("the sequence's picture track has no samples");
        }
        return new Sequence(pictureFrames, List.copyOf(samples), List.copyOf(metadataBoxes));
    }

    /** A track's sample count if it is a picture track ('pict' or 'vide' handler). */
    private Optional<Integer> track(Box trak) {
        Box mdia = null;
        for (Box child : BoxList.children(data, trak, trak.payload(), parts)) {
            if (child.is("mdia")) {
                mdia = child;
            } else if (child.is("udta") || child.is("meta")) {
                metadataBoxes.add(child);
            }
        }
        Box media = require(mdia, "a track has no 'mdia' box");
        List<Box> mediaChildren = BoxList.children(data, media, media.payload(), parts);
        String handler = handler(find(mediaChildren, "hdlr", "a track has no 'hdlr' box"));
        Box minf = find(mediaChildren, "minf", "a track has no 'minf' box");
        Box stbl = find(BoxList.children(data, minf, minf.payload(), parts), "stbl", "a track has no 'stbl' box");
        int count = new SampleTable(data, stbl, limits, parts).readInto(samples);
        return handler.equals("pict") || handler.equals("vide") ? Optional.of(count) : Optional.empty();
    }

    private String handler(Box hdlr) {
        BoxCursor cursor = new BoxCursor(data, hdlr);
        cursor.fullBoxVersion();
        cursor.u32();
        return cursor.fourCc();
    }

    static Box find(List<Box> boxes, String type, String missing) {
        return require(boxes.stream().filter(b -> b.is(type)).findFirst().orElse(null), missing);
    }

    private static Box require(Box box, String missing) {
        if (box == null) {
            throw malformed(missing);
        }
        return box;
    }

    /** The size of an 'av01' visual sample entry: width and height follow 24 bytes of reserved and defaulted fields. */
    static void checkSampleEntry(byte[] data, Box stsd, InspectionLimits limits, PartBudget parts) {
        BoxCursor cursor = new BoxCursor(data, stsd);
        cursor.fullBoxVersion();
        cursor.u32(); // entry_count
        for (Box entry : BoxList.children(data, stsd, cursor.position(), parts)) {
            if (entry.is("av01")) {
                BoxCursor fields = new BoxCursor(data, entry);
                fields.skip(24);
                Dimensions.checked(fields.u16(), fields.u16(), limits, "the sequence's 'av01' sample entry");
            }
        }
    }

    static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
