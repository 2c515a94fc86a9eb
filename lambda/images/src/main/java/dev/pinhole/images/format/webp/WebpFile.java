package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.format.ImageSignatures;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A WebP file whose whole structure has been checked: the RIFF header, every chunk to the end of the file,
 * and the layout rules of the simple or extended format. {@code chunks} are the RIFF payload's chunks in
 * file order, VP8X (extended) or the one image chunk (simple) first.
 */
record WebpFile(Dimensions canvas, int frames, List<Chunk> chunks) {
    static final int RIFF_HEADER_SIZE = 12;
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    boolean extended() {
        return chunks.get(0).is("VP8X");
    }

    Inspection inspection() {
        return new Inspection(canvas.width(), canvas.height(), frames);
    }

    /** Checks {@code data} as a WebP file within {@code limits}; the declared size is checked first of all. */
    static WebpFile read(byte[] data, InspectionLimits limits) {
        checkSignature(data);
        Bytes.require(data, RIFF_HEADER_SIZE, Chunk.HEADER_SIZE, "the first chunk header");
        Chunk first = new Chunk(Bytes.fourCc(data, 12, "first chunk type"), 12,
                (int) Math.min(Integer.MAX_VALUE, Bytes.u32le(data, 16, "first chunk size")));
        Dimensions canvas = declaredCanvas(data, first, limits);
        checkRiffSize(data);
        PartBudget parts = new PartBudget(limits);
        List<Chunk> chunks = ChunkList.read(data, RIFF_HEADER_SIZE, data.length, parts, true);
        if (!first.is("VP8X")) {
            if (chunks.size() != 1) {
                throw new Refusal(RefusalReason.MALFORMED, "a simple WebP (without VP8X) holds one image chunk, this one "
                        + chunks.size() + " chunks");
            }
            return new WebpFile(canvas, 1, chunks);
        }
        return new WebpFile(canvas, new ExtendedLayout(data, canvas, limits, parts).check(chunks), chunks);
    }

    private static void checkSignature(byte[] data) {
        if (Bytes.startsWith(data, 0, RIFF) && data.length < RIFF_HEADER_SIZE) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends inside the RIFF header");
        }
        if (!Bytes.startsWith(data, 0, RIFF) || !Bytes.startsWith(data, 8, WEBP)) {
            throw ImageSignatures.refuseAs("WebP", data);
        }
    }

    /** The canvas from the first chunk's header, before anything else is read. */
    private static Dimensions declaredCanvas(byte[] data, Chunk first, InspectionLimits limits) {
        switch (first.type()) {
            case "VP8 ", "VP8L" -> {
                Bitstreams.Size size = Bitstreams.of(data, first);
                return Dimensions.checked(size.width(), size.height(), limits, first.type().trim() + " frame header");
            }
            case "VP8X" -> {
                if (first.size() != ExtendedLayout.VP8X_SIZE) {
                    throw new Refusal(RefusalReason.MALFORMED, "the VP8X chunk has " + first.size() + " bytes, not 10");
                }
                Bytes.require(data, first.payload(), ExtendedLayout.VP8X_SIZE, "the VP8X chunk");
                long width = 1L + Bytes.u24le(data, first.payload() + 4, "canvas width");
                long height = 1L + Bytes.u24le(data, first.payload() + 7, "canvas height");
                if (width * height > 0xFFFF_FFFFL) {
                    throw new Refusal(RefusalReason.TOO_MANY_PIXELS, "the VP8X canvas of " + width + " x " + height
                            + " is larger than WebP allows");
                }
                return Dimensions.checked(width, height, limits, "the VP8X canvas");
            }
            default -> throw new Refusal(RefusalReason.MALFORMED, "the first chunk is " + Chunk.describe(first.type())
                    + " one, not VP8, VP8L or VP8X");
        }
    }

    /** The RIFF chunk must end exactly where the file ends: a shorter file was cut, a longer one carries more. */
    private static void checkRiffSize(byte[] data) {
        long riffSize = Bytes.u32le(data, 4, "RIFF size");
        if (riffSize < RIFF_HEADER_SIZE) {
            throw new Refusal(RefusalReason.MALFORMED, "the RIFF header declares " + riffSize
                    + " bytes, too few for any image");
        }
        long declaredEnd = riffSize + 8;
        if (declaredEnd > data.length) {
            throw new Refusal(RefusalReason.TRUNCATED, "the RIFF header declares " + declaredEnd
                    + " bytes, the file has " + data.length);
        }
        if (declaredEnd < data.length) {
            throw new Refusal(RefusalReason.TRAILING_DATA, (data.length - declaredEnd)
                    + " bytes follow the end of the RIFF chunk");
        }
    }
}
