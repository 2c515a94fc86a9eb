package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.List;

/**
 * An AVIF file whose structure has been checked: 'ftyp' first with an AVIF brand, top-level boxes that
 * cover the file exactly, one 'meta' describing the primary image, and for an animated AVIF one 'moov'
 * whose picture track's frames are within the limit. {@code sequence} is null for a still.
 */
record AvifFile(List<Box> boxes, Meta meta, Sequence sequence, Dimensions size) {

    Inspection inspection() {
        return new Inspection(size.width(), size.height(), sequence == null ? 1 : sequence.frames());
    }

    static AvifFile read(byte[] data, InspectionLimits limits) {
        FileType type = FileType.read(data);
        PartBudget parts = new PartBudget(limits);
        BoxList.TopLevel topLevel = BoxList.topLevel(data, parts);
        List<Box> boxes = topLevel.boxes();
        if (boxes.isEmpty()) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends inside its first box header");
        }
        Box meta = null;
        Box moov = null;
        for (Box box : boxes.subList(1, boxes.size())) {
            switch (box.type()) {
                case "ftyp" -> throw malformed("a second 'ftyp' box at offset " + box.start());
                case "meta" -> meta = only(meta, box);
                case "moov" -> moov = only(moov, box);
                case "moof", "mfra" -> throw malformed("the file is a fragmented movie, not an image");
                default -> {
                    // mdat, free, skip, uuid and unknown boxes: image data or nothing a reader needs
                }
            }
        }
        if (meta == null && boxes.size() == 1) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends after its 'ftyp' box");
        }
        if (meta == null) {
            throw malformed("the file has no 'meta' box describing an image");
        }
        MetaReader.Result result = MetaReader.read(data, meta, limits, parts);
        Sequence sequence = null;
        if (moov != null) {
            if (!type.declaresSequence()) {
                throw malformed("the file has a 'moov' box but its 'ftyp' does not declare an image sequence ('avis')");
            }
            sequence = SequenceReader.read(data, moov, limits, parts);
        }
        if (topLevel.tail() < data.length) {
            // Had a box been cut inside its header, the picture's data would lie beyond the end and the
            // checks above would have refused the file as truncated: these bytes were appended.
            throw new Refusal(RefusalReason.TRAILING_DATA, (data.length - topLevel.tail()) + " bytes after the last box");
        }
        return new AvifFile(boxes, result.meta(), sequence, result.size());
    }

    private static Box only(Box earlier, Box box) {
        if (earlier != null) {
            throw malformed("a second " + box.describe());
        }
        return box;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
