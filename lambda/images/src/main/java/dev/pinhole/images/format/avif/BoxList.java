package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the boxes that must exactly fill one region: the file, or the payload of a container box. Every
 * box is at least its own header long, so each step advances and no size can make the walk loop.
 */
final class BoxList {
    private static final int COMPACT_HEADER = 8;
    private static final int LARGE_HEADER = 16;
    private static final int UUID_EXTRA = 16;
    private static final Set<String> KNOWN_TOP_LEVEL = Set.of("ftyp", "meta", "mdat", "moov", "moof", "mfra", "free",
            "skip", "uuid", "wide", "pdin", "sidx", "styp", "meco");

    private BoxList() {
    }

    /**
     * The top-level boxes, the last of which may run to the end of the file (size 0). {@code tail} is where
     * fewer bytes than a box header were left (the file's length when none were): whether those bytes
     * are a cut header or something appended is for the caller to judge, once it knows where the data is.
     */
    record TopLevel(List<Box> boxes, int tail) {
    }

    static TopLevel topLevel(byte[] data, PartBudget parts) {
        List<Box> boxes = new ArrayList<>();
        int at = 0;
        while (data.length - at >= COMPACT_HEADER) {
            parts.count("box");
            boxes.add(next(data, at, data.length, null, !boxes.isEmpty()));
            at = boxes.get(boxes.size() - 1).end();
        }
        return new TopLevel(List.copyOf(boxes), at);
    }

    /** The boxes in the payload of {@code parent} from {@code from} to its end. */
    static List<Box> children(byte[] data, Box parent, int from, PartBudget parts) {
        return read(data, from, parent.end(), parts, parent);
    }

    private static List<Box> read(byte[] data, int from, int to, PartBudget parts, Box parent) {
        List<Box> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            parts.count("box");
            boxes.add(next(data, at, to, parent, false));
            at = boxes.get(boxes.size() - 1).end();
        }
        return boxes;
    }

    private static Box next(byte[] data, int at, int to, Box parent, boolean afterABox) {
        String where = parent == null ? "the file" : parent.describe();
        int room = to - at;
        if (room < COMPACT_HEADER) {
            throw malformed(room + " bytes at the end of " + where + " are too few for a box");
        }
        String type = Bytes.fourCc(data, at + 4, "box type");
        if (parent == null && afterABox && !Box.isPrintable(type)) {
            // Box types are four printable characters: this is something else appended to the image.
            throw new Refusal(RefusalReason.TRAILING_DATA, (data.length - at) + " bytes after the last box do not form a box");
        }
        long size = Bytes.u32be(data, at, "box size");
        int header = COMPACT_HEADER;
        Box.SizeField field = Box.SizeField.COMPACT;
        if (size == 1) {
            if (room < LARGE_HEADER) {
                throw overrun(parent, Box.describe(type) + " box at offset " + at + " has no room for its 64-bit size");
            }
            long high = Bytes.u32be(data, at + 8, "largesize");
            size = high > Integer.MAX_VALUE ? Long.MAX_VALUE : high << 32 | Bytes.u32be(data, at + 12, "largesize");
            header = LARGE_HEADER;
            field = Box.SizeField.LARGE;
        } else if (size == 0) {
            if (parent != null) {
                throw malformed("a box of size 0 (to the end of the file) inside " + where);
            }
            size = room;
            field = Box.SizeField.TO_END;
        }
        if (type.equals("uuid")) {
            header += UUID_EXTRA;
        }
        if (size < header) {
            throw malformed(Box.describe(type) + " box at offset " + at + " declares " + size
                    + " bytes, fewer than its own header");
        }
        if (size > room && parent == null && afterABox && !KNOWN_TOP_LEVEL.contains(type)) {
            // A cut file ends inside one of its own boxes; text or an archive appended to an image reads as a
            // box of some unheard-of type declaring a size far beyond the end.
            throw new Refusal(RefusalReason.TRAILING_DATA, (data.length - at) + " bytes after the last box do not form a box");
        }
        if (size > room) {
            throw overrun(parent, Box.describe(type) + " box at offset " + at + " declares " + size + " bytes, but "
                    + where + " has only " + room + " left");
        }
        return new Box(type, at, header, at + (int) size, field);
    }

    /** A box running past the file's end means the file was cut; past its parent's end, that the box lies. */
    private static Refusal overrun(Box parent, String detail) {
        return new Refusal(parent == null ? RefusalReason.TRUNCATED : RefusalReason.MALFORMED, detail);
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
