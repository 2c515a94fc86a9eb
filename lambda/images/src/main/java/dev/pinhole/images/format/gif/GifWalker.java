package dev.pinhole.images.format.gif;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.ImageSignatures;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;

/**
 * Walks a GIF from its header to the trailer: the logical screen (within the pixel limit), the global colour
 * table, then every block: image descriptors with their local colour table, LZW code size and data
 * sub-blocks, and the four extensions GIF89a defines, each with the sub-block layout it must have. Nothing
 * may follow the trailer. Frames and blocks are counted as they come, so a flood is refused at the first
 * block over the limit. The LZW data itself is not decoded.
 */
final class GifWalker {
    static final int HEADER_LENGTH = 13;
    private static final int IMAGE = 0x2C;
    private static final int EXTENSION = 0x21;
    private static final int TRAILER = 0x3B;

    private final byte[] data;
    private final InspectionLimits limits;
    private final GifBlock.Visitor visitor;
    private int position;
    private int frames;
    private int blocks;

    private GifWalker(byte[] data, InspectionLimits limits, GifBlock.Visitor visitor) {
        this.data = data;
        this.limits = limits;
        this.visitor = visitor;
    }

    /** Checks the whole file, handing each block to {@code visitor}; refuses anything malformed or too big. */
    static Inspection walk(byte[] data, InspectionLimits limits, GifBlock.Visitor visitor) {
        return new GifWalker(data, limits, visitor).run();
    }

    private Inspection run() {
        signature();
        int width = Bytes.u16le(data, 6, "the logical screen descriptor");
        int height = Bytes.u16le(data, 8, "the logical screen descriptor");
        if (width == 0 || height == 0) {
            throw new Refusal(RefusalReason.NO_PIXELS, "the logical screen is " + width + " x " + height);
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, "the logical screen is " + width + " x " + height
                    + " pixels, more than " + limits.maxPixels());
        }
        position = HEADER_LENGTH;
        skipColourTable(Bytes.u8(data, 10, "the logical screen descriptor"), "the global colour table");
        while (true) {
            int introducer = Bytes.u8(data, position, "the next block (the file ends before the GIF trailer)");
            if (introducer == TRAILER) {
                break;
            }
            if (++blocks > limits.maxParts()) {
                throw new Refusal(RefusalReason.TOO_COMPLEX, "the file has more than " + limits.maxParts() + " blocks");
            }
            int start = position;
            GifBlock block = switch (introducer) {
                case IMAGE -> image(start);
                case EXTENSION -> extension(start);
                default -> throw new Refusal(RefusalReason.MALFORMED, "byte " + start + " starts no GIF block");
            };
            visitor.block(block);
        }
        if (position + 1 != data.length) {
            throw new Refusal(RefusalReason.TRAILING_DATA,
                    (data.length - position - 1) + " bytes follow the GIF trailer");
        }
        if (frames == 0) {
            throw new Refusal(RefusalReason.MALFORMED, "the GIF holds no image");
        }
        return new Inspection(width, height, frames);
    }

    private void signature() {
        if (Bytes.startsWith(data, 0, ascii("GIF87a")) || Bytes.startsWith(data, 0, ascii("GIF89a"))) {
            return;
        }
        if (Bytes.startsWith(data, 0, ascii("GIF8"))) {
            throw new Refusal(RefusalReason.MALFORMED, "the GIF version is neither 87a nor 89a");
        }
        if (data.length >= 3 && data.length < 6 && Bytes.startsWith(ascii("GIF89a"), 0, data)) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends inside the GIF signature");
        }
        throw ImageSignatures.refuseAs("GIF", data);
    }

    private GifBlock image(int start) {
        if (++frames > limits.maxFrames()) {
            throw new Refusal(RefusalReason.TOO_MANY_FRAMES, "the GIF has more than " + limits.maxFrames() + " frames");
        }
        int width = Bytes.u16le(data, start + 5L, "an image descriptor");
        int height = Bytes.u16le(data, start + 7L, "an image descriptor");
        if (width == 0 || height == 0) {
            throw new Refusal(RefusalReason.MALFORMED, "frame " + frames + " is " + width + " x " + height);
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, "frame " + frames + " is " + width + " x " + height
                    + " pixels, more than " + limits.maxPixels());
        }
        position = start + 10;
        skipColourTable(Bytes.u8(data, start + 9L, "an image descriptor"), "a local colour table");
        int codeSize = Bytes.u8(data, position, "an image's LZW code size");
        if (codeSize < 2 || codeSize > 8) {
            throw new Refusal(RefusalReason.MALFORMED, "frame " + frames + " has LZW code size " + codeSize);
        }
        position++;
        skipSubBlocks("frame " + frames + "'s image data");
        return new GifBlock(GifBlock.Kind.IMAGE, start, position, "");
    }

    private GifBlock extension(int start) {
        int label = Bytes.u8(data, start + 1L, "an extension label");
        position = start + 2;
        GifBlock.Kind kind;
        String application = "";
        switch (label) {
            case 0xF9 -> {
                kind = GifBlock.Kind.GRAPHIC_CONTROL;
                fixedBlock(4, "a graphic control extension");
            }
            case 0x01 -> {
                kind = GifBlock.Kind.PLAIN_TEXT;
                fixedBlock(12, "a plain text extension");
            }
            case 0xFF -> {
                kind = GifBlock.Kind.APPLICATION;
                fixedBlock(11, "an application extension");
                application = new String(data, position - 11, 11, StandardCharsets.ISO_8859_1);
            }
            case 0xFE -> kind = GifBlock.Kind.COMMENT;
            default -> throw new Refusal(RefusalReason.MALFORMED, "unknown GIF extension 0x"
                    + Integer.toHexString(label));
        }
        skipSubBlocks("an extension's data");
        return new GifBlock(kind, start, position, application);
    }

    /** The first sub-block of an extension, whose size the extension fixes. */
    private void fixedBlock(int size, String what) {
        int declared = Bytes.u8(data, position, what);
        if (declared != size) {
            throw new Refusal(RefusalReason.MALFORMED, what + " has a " + declared + "-byte block, not " + size);
        }
        Bytes.require(data, position + 1L, size, what);
        position += 1 + size;
    }

    /** Data sub-blocks: a size byte, that many bytes, until a size of zero. */
    private void skipSubBlocks(String what) {
        while (true) {
            int size = Bytes.u8(data, position, what);
            position++;
            if (size == 0) {
                return;
            }
            Bytes.require(data, position, size, what);
            position += size;
        }
    }

    private void skipColourTable(int packed, String what) {
        if ((packed & 0x80) != 0) {
            int length = 3 << ((packed & 0x07) + 1);
            Bytes.require(data, position, length, what);
            position += length;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
