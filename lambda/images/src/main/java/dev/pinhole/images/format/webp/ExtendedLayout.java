package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.List;

/**
 * The layout rules of an extended WebP (RFC 9649): VP8X first; at most one ICCP, before any image data;
 * then either one still (an optional ALPH directly before a VP8, or a VP8L) whose size is the canvas, or,
 * when VP8X declares an animation, one ANIM and its ANMF frames, each inside the canvas. EXIF, XMP and
 * unknown chunks may sit anywhere after VP8X (they are metadata; the cleaner removes them).
 */
final class ExtendedLayout {
    static final int VP8X_SIZE = 10;
    static final int FLAG_EXIF = 0x08;
    static final int FLAG_XMP = 0x04;
    private static final int FLAG_ANIMATION = 0x02;
    /** The two top bits and the lowest bit of the flags byte are reserved; libwebp's demuxer rejects them set. */
    private static final int FLAGS_RESERVED = 0xC1;
    private static final int ANIM_SIZE = 6;
    static final int ANMF_HEADER_SIZE = 16;

    private final byte[] data;
    private final Dimensions canvas;
    private final InspectionLimits limits;
    private final PartBudget parts;

    private boolean colourProfile;
    private boolean animationHeader;
    private Chunk pendingAlpha;
    private boolean still;
    private int frames;

    ExtendedLayout(byte[] data, Dimensions canvas, InspectionLimits limits, PartBudget parts) {
        this.data = data;
        this.canvas = canvas;
        this.limits = limits;
        this.parts = parts;
    }

    /** Checks the chunks after VP8X and returns the number of frames (1 for a still). */
    int check(List<Chunk> chunks) {
        int flags = Bytes.u8(data, chunks.get(0).payload(), "VP8X flags");
        if ((flags & FLAGS_RESERVED) != 0) {
            throw malformed("the VP8X chunk sets reserved flags");
        }
        boolean animated = (flags & FLAG_ANIMATION) != 0;
        for (Chunk chunk : chunks.subList(1, chunks.size())) {
            if (pendingAlpha != null && !chunk.is("VP8 ")) {
                throw malformed("the ALPH chunk is not followed directly by a VP8 chunk");
            }
            switch (chunk.type()) {
                case "VP8X" -> throw malformed("a second VP8X chunk at offset " + chunk.start());
                case "ICCP" -> colourProfile(chunk);
                case "ANIM" -> animationHeader(chunk, animated);
                case "ANMF" -> frame(chunk);
                case "ALPH", "VP8 ", "VP8L" -> stillImage(chunk, animated);
                default -> {
                    // EXIF, XMP and unknown chunks: allowed anywhere after VP8X, removed by the cleaner.
                }
            }
        }
        if (pendingAlpha != null) {
            throw malformed("the ALPH chunk is not followed by a VP8 chunk");
        }
        if (animated && frames == 0) {
            throw malformed("VP8X declares an animation, but the file has no ANIM and ANMF frames");
        }
        if (!animated && !still) {
            throw malformed("the file has no image chunk (VP8 or VP8L)");
        }
        return animated ? frames : 1;
    }

    private void colourProfile(Chunk chunk) {
        if (colourProfile || still || animationHeader || pendingAlpha != null) {
            throw malformed("the ICCP chunk at offset " + chunk.start() + " is not the only one before the image data");
        }
        colourProfile = true;
    }

    private void animationHeader(Chunk chunk, boolean animated) {
        if (!animated) {
            throw malformed("an ANIM chunk in a file whose VP8X declares no animation");
        }
        if (animationHeader) {
            throw malformed("a second ANIM chunk at offset " + chunk.start());
        }
        if (chunk.size() != ANIM_SIZE) {
            throw malformed("the ANIM chunk has " + chunk.size() + " bytes, not 6");
        }
        animationHeader = true;
    }

    private void stillImage(Chunk chunk, boolean animated) {
        if (animated) {
            throw malformed("an animated WebP keeps its images in ANMF frames, but " + chunk.describe() + " is outside one");
        }
        if (still) {
            throw malformed("a second image in a still WebP: " + chunk.describe());
        }
        if (chunk.is("ALPH")) {
            Bitstreams.checkAlpha(data, chunk);
            pendingAlpha = chunk;
            return;
        }
        Bitstreams.Size size = Bitstreams.of(data, chunk);
        if (size.width() != canvas.width() || size.height() != canvas.height()) {
            throw malformed("the image is " + size.width() + " x " + size.height() + ", the VP8X canvas "
                    + canvas.width() + " x " + canvas.height());
        }
        pendingAlpha = null;
        still = true;
    }

    /** One ANMF chunk: its 16-byte header (offset, size, duration, flags), then its own ALPH/VP8/VP8L chunks. */
    private void frame(Chunk anmf) {
        if (!animationHeader) {
            throw malformed("an ANMF frame at offset " + anmf.start() + " comes before the ANIM chunk");
        }
        if (++frames > limits.maxFrames()) {
            throw new Refusal(RefusalReason.TOO_MANY_FRAMES, "more than " + limits.maxFrames() + " ANMF frames");
        }
        if (anmf.size() < ANMF_HEADER_SIZE) {
            throw malformed("the ANMF chunk at offset " + anmf.start() + " is too short for its header");
        }
        int at = anmf.payload();
        long x = 2L * Bytes.u24le(data, at, "frame x");
        long y = 2L * Bytes.u24le(data, at + 3, "frame y");
        long width = 1L + Bytes.u24le(data, at + 6, "frame width");
        long height = 1L + Bytes.u24le(data, at + 9, "frame height");
        if (x + width > canvas.width() || y + height > canvas.height()) {
            throw malformed("frame " + frames + " (" + width + " x " + height + " at " + x + "," + y
                    + ") lies outside the " + canvas.width() + " x " + canvas.height() + " canvas");
        }
        Bitstreams.Size image = frameImage(ChunkList.read(data, at + ANMF_HEADER_SIZE, at + anmf.size(), parts, false));
        if (image.width() != width || image.height() != height) {
            throw malformed("frame " + frames + " declares " + width + " x " + height + " but its image is "
                    + image.width() + " x " + image.height());
        }
    }

    /** A frame's data: an optional ALPH directly before a VP8, or a VP8L; then only unknown chunks. */
    private Bitstreams.Size frameImage(List<Chunk> chunks) {
        Bitstreams.Size image = null;
        boolean alpha = false;
        for (Chunk chunk : chunks) {
            switch (chunk.type()) {
                case "ALPH" -> {
                    if (alpha || image != null) {
                        throw malformed("frame " + frames + " has an ALPH chunk out of place");
                    }
                    Bitstreams.checkAlpha(data, chunk);
                    alpha = true;
                }
                case "VP8 ", "VP8L" -> {
                    if (image != null || alpha && chunk.is("VP8L")) {
                        throw malformed("frame " + frames + " has " + chunk.describe() + " out of place");
                    }
                    image = Bitstreams.of(data, chunk);
                }
                case "VP8X", "ICCP", "ANIM", "ANMF", "EXIF", "XMP " -> throw malformed("frame " + frames + " contains "
                        + chunk.describe() + ", which belongs outside frames");
                default -> {
                    if (image == null) {
                        throw malformed("frame " + frames + " has " + chunk.describe() + " before its image");
                    }
                }
            }
        }
        if (image == null) {
            throw malformed("frame " + frames + " has no image chunk");
        }
        return image;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
