package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * Checks a whole PNG (or APNG) file, chunk by chunk: IHDR first and within the limits, critical chunks in
 * the order the specification requires (PLTE before the image data, IDAT chunks in one unbroken run, IEND
 * last), no critical chunk it does not know, the image data inflating to exactly what IHDR implies, and the
 * APNG frames consistent. One pass, no pixel decoded, memory independent of the image size.
 */
final class PngInspector {
    private final byte[] data;
    private final InspectionLimits limits;
    private final byte[] sink = BoundedInflation.newSink();
    private PngHeader header;
    private boolean sawPalette;
    private ImageData imageData = ImageData.NOT_YET;
    private BoundedInflation idat;

    private enum ImageData { NOT_YET, IN_PROGRESS, DONE }

    PngInspector(byte[] data, InspectionLimits limits) {
        this.data = data;
        this.limits = limits;
    }

    Inspection inspect() {
        PngChunkReader reader = PngChunkReader.open(data);
        header = PngHeader.read(data, reader.next(), limits);
        int chunks = 1;
        try (ApngFrames frames = new ApngFrames(data, header, limits, sink)) {
            while (reader.hasNext()) {
                if (++chunks > limits.maxParts()) {
                    throw new Refusal(RefusalReason.TOO_COMPLEX,
                            "the file has more than " + limits.maxParts() + " chunks");
                }
                accept(reader.next(), frames);
            }
            frames.end();
            long count = frames.frames();
            return new Inspection(header.width(), header.height(), (int) count);
        } finally {
            if (idat != null) {
                idat.close();
            }
        }
    }

    private void accept(PngChunk chunk, ApngFrames frames) {
        if (imageData == ImageData.IN_PROGRESS && !chunk.is("IDAT")) {
            // The stream is judged complete at IEND, so a stray IDAT later is named for what it is.
            imageData = ImageData.DONE;
        }
        boolean afterImageData = imageData != ImageData.NOT_YET;
        switch (chunk.type()) {
            case "IHDR" -> throw new Refusal(RefusalReason.MALFORMED, "a second IHDR chunk");
            case "PLTE" -> palette(chunk, afterImageData);
            case "IDAT" -> imageData(chunk);
            case "IEND" -> end(chunk);
            case "acTL" -> frames.animationControl(chunk, afterImageData);
            case "fcTL" -> frames.frameControl(chunk, afterImageData);
            case "fdAT" -> frames.frameData(chunk);
            default -> {
                if (chunk.isCritical()) {
                    throw new Refusal(RefusalReason.MALFORMED, "unknown critical chunk " + chunk.type());
                }
                // Ancillary chunks do not change whether the image shows; the cleaner decides which ones stay.
            }
        }
    }

    private void palette(PngChunk chunk, boolean afterImageData) {
        if (sawPalette || afterImageData) {
            throw new Refusal(RefusalReason.MALFORMED, "PLTE must come once, before the image data");
        }
        if (header.forbidsPalette()) {
            throw new Refusal(RefusalReason.MALFORMED, "a greyscale image must not carry a PLTE chunk");
        }
        int entries = chunk.length() / 3;
        int allowed = header.isPalette() ? 1 << header.bitDepth() : 256;
        if (chunk.length() % 3 != 0 || entries == 0 || entries > allowed) {
            throw new Refusal(RefusalReason.MALFORMED, "PLTE has " + chunk.length() + " bytes, not 3 x 1.."
                    + allowed + " entries");
        }
        sawPalette = true;
    }

    private void imageData(PngChunk chunk) {
        if (imageData == ImageData.DONE) {
            throw new Refusal(RefusalReason.MALFORMED, "IDAT chunks are not consecutive");
        }
        if (imageData == ImageData.NOT_YET) {
            if (header.isPalette() && !sawPalette) {
                throw new Refusal(RefusalReason.MALFORMED, "a palette image has no PLTE before its image data");
            }
            long expected = header.rawBytes(header.width(), header.height());
            idat = new BoundedInflation(expected, "the image data (IDAT)", sink);
            imageData = ImageData.IN_PROGRESS;
        }
        idat.feed(data, chunk.dataOffset(), chunk.length());
    }

    private void end(PngChunk chunk) {
        if (chunk.length() != 0) {
            throw new Refusal(RefusalReason.MALFORMED, "IEND carries data");
        }
        if (imageData == ImageData.NOT_YET) {
            throw new Refusal(RefusalReason.MALFORMED, "the file has no image data (IDAT)");
        }
        idat.finish();
    }
}
