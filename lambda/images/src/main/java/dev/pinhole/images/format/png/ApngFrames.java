package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * The APNG chunks of one file: acTL (frame count), and per frame an fcTL (its region and timing) followed,
 * after the first, by fdAT chunks with its image data. Checks that the frame count is within the limits,
 * that fcTL and fdAT sequence numbers run 0, 1, 2... without gaps, that every frame lies on the canvas and
 * has data, and that each frame's data inflates to exactly the size of its region, like IDAT.
 */
final class ApngFrames implements AutoCloseable {
    private static final int ACTL_LENGTH = 8;
    private static final int FCTL_LENGTH = 26;

    private final byte[] data;
    private final PngHeader header;
    private final InspectionLimits limits;
    private final byte[] sink;
    private long declaredFrames;
    private long controls;
    private long nextSequence;
    private long frameWidth;
    private long frameHeight;
    /** The stream of the frame whose fcTL came last, once its first fdAT arrived; null before that. */
    private BoundedInflation frameData;
    private boolean frameAwaitsData;

    ApngFrames(byte[] data, PngHeader header, InspectionLimits limits, byte[] sink) {
        this.data = data;
        this.header = header;
        this.limits = limits;
        this.sink = sink;
    }

    boolean isAnimated() {
        return declaredFrames > 0;
    }

    void animationControl(PngChunk chunk, boolean afterImageData) {
        if (isAnimated() || afterImageData) {
            throw new Refusal(RefusalReason.MALFORMED, "acTL must come once, before the image data");
        }
        exactLength(chunk, ACTL_LENGTH);
        long frames = Bytes.u32be(data, chunk.dataOffset(), "acTL");
        if (frames == 0) {
            throw new Refusal(RefusalReason.MALFORMED, "acTL declares an animation of no frames");
        }
        if (frames > limits.maxFrames()) {
            throw new Refusal(RefusalReason.TOO_MANY_FRAMES, "acTL declares " + frames + " frames, more than "
                    + limits.maxFrames());
        }
        declaredFrames = frames;
    }

    void frameControl(PngChunk chunk, boolean afterImageData) {
        requireAnimation(chunk);
        exactLength(chunk, FCTL_LENGTH);
        int at = chunk.dataOffset();
        sequence(Bytes.u32be(data, at, "fcTL"));
        endFrame();
        if (++controls > declaredFrames) {
            throw new Refusal(RefusalReason.MALFORMED,
                    "more fcTL chunks than the " + declaredFrames + " frames acTL declares");
        }
        frameWidth = Bytes.u32be(data, at + 4L, "fcTL");
        frameHeight = Bytes.u32be(data, at + 8L, "fcTL");
        long x = Bytes.u32be(data, at + 12L, "fcTL");
        long y = Bytes.u32be(data, at + 16L, "fcTL");
        if (frameWidth == 0 || frameHeight == 0 || x + frameWidth > header.width()
                || y + frameHeight > header.height()) {
            throw new Refusal(RefusalReason.MALFORMED, "frame " + controls + " (" + frameWidth + " x " + frameHeight
                    + " at " + x + "," + y + ") does not lie on the " + header.width() + " x " + header.height()
                    + " canvas");
        }
        if (Bytes.u8(data, at + 24L, "fcTL") > 2 || Bytes.u8(data, at + 25L, "fcTL") > 1) {
            throw new Refusal(RefusalReason.MALFORMED,
                    "frame " + controls + " names an unknown dispose or blend operation");
        }
        if (!afterImageData && controls > 1) {
            throw new Refusal(RefusalReason.MALFORMED, "only one fcTL may come before the image data");
        }
        if (!afterImageData && (x != 0 || y != 0 || frameWidth != header.width() || frameHeight != header.height())) {
            throw new Refusal(RefusalReason.MALFORMED, "the first frame is the image itself and must cover the canvas");
        }
        // The frame before the image data is the image itself (IDAT); every later one brings its own fdAT.
        frameAwaitsData = afterImageData;
    }

    void frameData(PngChunk chunk) {
        requireAnimation(chunk);
        if (chunk.length() < 4) {
            throw new Refusal(RefusalReason.MALFORMED, "an fdAT chunk has no sequence number");
        }
        sequence(Bytes.u32be(data, chunk.dataOffset(), "fdAT"));
        if (frameData == null) {
            if (!frameAwaitsData) {
                throw new Refusal(RefusalReason.MALFORMED, "fdAT data without an fcTL after the image data");
            }
            frameData = new BoundedInflation(header.rawBytes(frameWidth, frameHeight), "frame " + controls, sink);
            frameAwaitsData = false;
        }
        frameData.feed(data, chunk.dataOffset() + 4, chunk.length() - 4);
    }

    /** At IEND: the last frame is complete and there were as many frames as acTL promised. */
    void end() {
        endFrame();
        if (controls != declaredFrames) {
            throw new Refusal(RefusalReason.MALFORMED, "acTL declares " + declaredFrames + " frames but " + controls
                    + " fcTL chunks follow");
        }
    }

    long frames() {
        return isAnimated() ? declaredFrames : 1;
    }

    private void endFrame() {
        if (frameAwaitsData) {
            throw new Refusal(RefusalReason.MALFORMED, "frame " + controls + " has no fdAT data");
        }
        if (frameData != null) {
            BoundedInflation finished = frameData;
            frameData = null;
            try (finished) {
                finished.finish();
            }
        }
    }

    private void requireAnimation(PngChunk chunk) {
        if (!isAnimated()) {
            // Without acTL every decoder skips these chunks: data no one sees, so not published either.
            throw new Refusal(RefusalReason.MALFORMED, chunk.type() + " without an acTL chunk before the image data");
        }
    }

    private void sequence(long number) {
        if (number != nextSequence) {
            throw new Refusal(RefusalReason.MALFORMED, "APNG sequence number " + number + " where " + nextSequence
                    + " was due");
        }
        nextSequence++;
    }

    private static void exactLength(PngChunk chunk, int length) {
        if (chunk.length() != length) {
            throw new Refusal(RefusalReason.MALFORMED,
                    chunk.type() + " has " + chunk.length() + " bytes, not " + length);
        }
    }

    @Override
    public void close() {
        if (frameData != null) {
            frameData.close();
        }
    }
}
