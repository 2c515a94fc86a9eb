package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * The few header bytes of WebP's two bitstreams that give a picture's size, read and checked the way
 * libwebp checks them before decoding (VP8GetInfo, VP8LGetInfo, ALPHInit). Nothing is decoded.
 */
final class Bitstreams {
    private static final int VP8_HEADER_SIZE = 10;
    private static final int VP8L_HEADER_SIZE = 5;
    private static final int VP8L_SIGNATURE = 0x2F;

    private Bitstreams() {
    }

    /** A declared size, not yet checked against any limit; VP8 may declare zero, which the caller refuses. */
    record Size(long width, long height) {
    }

    /** The size of the image in a 'VP8 ' or 'VP8L' chunk. */
    static Size of(byte[] data, Chunk chunk) {
        return chunk.is("VP8L") ? vp8l(data, chunk) : vp8(data, chunk);
    }

    /** A lossy key frame: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height. */
    static Size vp8(byte[] data, Chunk chunk) {
        requireHeader(data, chunk, VP8_HEADER_SIZE);
        int at = chunk.payload();
        int tag = Bytes.u24le(data, at, "VP8 frame tag");
        if ((tag & 1) != 0) {
            throw malformed(chunk, "holds an inter frame; a WebP image is one key frame");
        }
        if ((tag >> 1 & 7) > 3) {
            throw malformed(chunk, "declares an unknown VP8 profile " + (tag >> 1 & 7));
        }
        if ((tag >> 4 & 1) == 0) {
            throw malformed(chunk, "holds a frame that is not to be shown");
        }
        if (tag >>> 5 >= chunk.size()) {
            throw malformed(chunk, "declares a first partition larger than the chunk");
        }
        if (Bytes.u8(data, at + 3, "start code") != 0x9D || Bytes.u8(data, at + 4, "start code") != 0x01
                || Bytes.u8(data, at + 5, "start code") != 0x2A) {
            throw malformed(chunk, "lacks the VP8 key frame start code");
        }
        return new Size(Bytes.u16le(data, at + 6, "VP8 width") & 0x3FFF, Bytes.u16le(data, at + 8, "VP8 height") & 0x3FFF);
    }

    /** A lossless image: the signature byte 0x2f, then 14 bits of width-1, 14 of height-1, alpha, a 3-bit version. */
    static Size vp8l(byte[] data, Chunk chunk) {
        requireHeader(data, chunk, VP8L_HEADER_SIZE);
        int at = chunk.payload();
        if (Bytes.u8(data, at, "VP8L signature") != VP8L_SIGNATURE) {
            throw malformed(chunk, "lacks the VP8L signature byte");
        }
        long bits = Bytes.u32le(data, at + 1, "VP8L header");
        if (bits >>> 29 != 0) {
            throw malformed(chunk, "declares an unknown VP8L version " + (bits >>> 29));
        }
        return new Size((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1);
    }

    /** An ALPH chunk's first byte: 2 reserved bits, pre-processing (0-1), filter (0-3), compression (0-1). */
    static void checkAlpha(byte[] data, Chunk alpha) {
        requireHeader(data, alpha, 1);
        int header = Bytes.u8(data, alpha.payload(), "ALPH header");
        if (header >> 6 != 0 || (header >> 4 & 3) > 1 || (header & 3) > 1) {
            throw malformed(alpha, "has an invalid header (reserved bits, pre-processing or compression method)");
        }
    }

    private static void requireHeader(byte[] data, Chunk chunk, int length) {
        if (chunk.size() < length) {
            throw malformed(chunk, "is too short for its header (" + chunk.size() + " bytes)");
        }
        Bytes.require(data, chunk.payload(), length, chunk.type() + " header");
    }

    private static Refusal malformed(Chunk chunk, String problem) {
        return new Refusal(RefusalReason.MALFORMED, chunk.describe() + " " + problem);
    }
}
