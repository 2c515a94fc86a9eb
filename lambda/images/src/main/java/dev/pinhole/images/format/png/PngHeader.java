package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * The IHDR chunk: the canvas size and the pixel layout, from which the exact size of the decompressed image
 * data follows. That size is what makes a zip bomb detectable without decoding a single pixel.
 */
record PngHeader(int width, int height, int bitDepth, int colourType, boolean interlaced) {
    static final int LENGTH = 13;
    static final int PALETTE = 3;
    private static final long MAX_DIMENSION = Integer.MAX_VALUE;
    /** Adam7's seven passes: x start, y start, x step, y step. */
    private static final int[][] ADAM7 = {
        {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};

    /**
     * Reads and checks IHDR. The dimensions are judged first, against {@code limits}, so a pixel bomb is
     * refused before any other part of the file is looked at.
     */
    static PngHeader read(byte[] data, PngChunk chunk, InspectionLimits limits) {
        if (!chunk.is("IHDR")) {
            throw new Refusal(RefusalReason.MALFORMED, "the first chunk is " + chunk.type() + ", not IHDR");
        }
        if (chunk.length() != LENGTH) {
            throw new Refusal(RefusalReason.MALFORMED, "IHDR has " + chunk.length() + " bytes, not 13");
        }
        int at = chunk.dataOffset();
        long width = Bytes.u32be(data, at, "IHDR width");
        long height = Bytes.u32be(data, at + 4L, "IHDR height");
        if (width == 0 || height == 0) {
            throw new Refusal(RefusalReason.NO_PIXELS, "IHDR declares " + width + " x " + height);
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new Refusal(RefusalReason.MALFORMED, "IHDR declares " + width + " x " + height
                    + ", beyond PNG's 2^31 - 1");
        }
        if (width * height > limits.maxPixels()) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, "IHDR declares " + width + " x " + height
                    + " pixels, more than " + limits.maxPixels());
        }
        PngHeader header = new PngHeader((int) width, (int) height, Bytes.u8(data, at + 8L, "IHDR"),
                Bytes.u8(data, at + 9L, "IHDR"), Bytes.u8(data, at + 12L, "IHDR") == 1);
        header.checkLayout(Bytes.u8(data, at + 10L, "IHDR"), Bytes.u8(data, at + 11L, "IHDR"),
                Bytes.u8(data, at + 12L, "IHDR"));
        return header;
    }

    private void checkLayout(int compression, int filter, int interlace) {
        if (channels() == 0 || !validBitDepth()) {
            throw new Refusal(RefusalReason.MALFORMED, "IHDR's bit depth " + bitDepth + " and colour type "
                    + colourType + " are not a valid combination");
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new Refusal(RefusalReason.MALFORMED, "IHDR names an unknown compression, filter or interlace method");
        }
    }

    private boolean validBitDepth() {
        return switch (colourType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            default -> bitDepth == 8 || bitDepth == 16;
        };
    }

    /** Samples per pixel; 0 for a colour type PNG does not define. */
    private int channels() {
        return switch (colourType) {
            case 0, PALETTE -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 0;
        };
    }

    boolean isPalette() {
        return colourType == PALETTE;
    }

    /** Grey and grey-with-alpha images must not carry a palette. */
    boolean forbidsPalette() {
        return colourType == 0 || colourType == 4;
    }

    /**
     * The exact number of bytes an image (or an APNG frame) of {@code frameWidth x frameHeight} decompresses to
     * in this layout: one filter byte per row plus the packed samples, summed over the Adam7 passes when the
     * image is interlaced (a pass with no pixels has no rows at all).
     */
    long rawBytes(long frameWidth, long frameHeight) {
        if (!interlaced) {
            return rowsBytes(frameWidth, frameHeight);
        }
        long total = 0;
        for (int[] pass : ADAM7) {
            long passWidth = (frameWidth - pass[0] + pass[2] - 1) / pass[2];
            long passHeight = (frameHeight - pass[1] + pass[3] - 1) / pass[3];
            if (passWidth > 0 && passHeight > 0) {
                total = saturatingAdd(total, rowsBytes(passWidth, passHeight));
            }
        }
        return total;
    }

    private long rowsBytes(long rowWidth, long rows) {
        long bitsPerRow = rowWidth * channels() * bitDepth; // at most (2^31 - 1) * 64: fits a long
        long bytesPerRow = 1 + (bitsPerRow + 7) / 8;
        return rows > Long.MAX_VALUE / bytesPerRow ? Long.MAX_VALUE : rows * bytesPerRow;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
