package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.ImageSignatures;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks from the signature to IEND. Each chunk handed out lies entirely inside the file, has
 * a well-formed type and a correct CRC; anything else is refused, and so is any byte after IEND. The reader
 * knows nothing about which chunks may follow which: that is {@link PngInspector}'s job.
 */
final class PngChunkReader {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The PNG specification caps a chunk's length at 2^31 - 1. */
    private static final long MAX_CHUNK_LENGTH = Integer.MAX_VALUE;

    private final byte[] data;
    private final CRC32 crc = new CRC32();
    private int position = SIGNATURE.length;
    private boolean sawEnd;

    private PngChunkReader(byte[] data) {
        this.data = data;
    }

    /** A reader positioned after the signature; refuses a file that does not start with it. */
    static PngChunkReader open(byte[] data) {
        if (!Bytes.startsWith(data, 0, SIGNATURE)) {
            if (data.length < SIGNATURE.length && data.length >= 4 && Bytes.startsWith(SIGNATURE, 0, data)) {
                throw new Refusal(RefusalReason.TRUNCATED, "the file ends inside the PNG signature");
            }
            if (Bytes.startsWith(data, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
                // The classic sign of a PNG sent through a text-mode transfer that rewrote line endings.
                throw new Refusal(RefusalReason.MALFORMED, "the PNG signature is damaged");
            }
            throw ImageSignatures.refuseAs("PNG", data);
        }
        return new PngChunkReader(data);
    }

    /** True while IEND has not been read; a file that runs out before IEND is refused by {@link #next}. */
    boolean hasNext() {
        return !sawEnd;
    }

    PngChunk next() {
        if (position == data.length) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends before the IEND chunk");
        }
        long length = Bytes.u32be(data, position, "a chunk's length");
        String type = Bytes.fourCc(data, position + 4L, "a chunk's type");
        if (!isChunkType(type)) {
            throw new Refusal(RefusalReason.MALFORMED, "a chunk at byte " + position + " has no valid type");
        }
        if (length > MAX_CHUNK_LENGTH) {
            throw new Refusal(RefusalReason.MALFORMED, "chunk " + type + " declares " + length + " bytes");
        }
        Bytes.require(data, position + 8L, length + 4, "chunk " + type);
        PngChunk chunk = new PngChunk(position, (int) length, type);
        checkCrc(chunk);
        position = chunk.end();
        if (chunk.is("IEND")) {
            sawEnd = true;
            if (position != data.length) {
                throw new Refusal(RefusalReason.TRAILING_DATA,
                        (data.length - position) + " bytes follow the IEND chunk");
            }
        }
        return chunk;
    }

    private void checkCrc(PngChunk chunk) {
        crc.reset();
        crc.update(data, chunk.offset() + 4, chunk.length() + 4);
        long stored = Bytes.u32be(data, chunk.end() - 4L, "a chunk's CRC");
        if (crc.getValue() != stored) {
            throw new Refusal(RefusalReason.MALFORMED, "chunk " + chunk.type() + " at byte " + chunk.offset()
                    + " has a wrong CRC");
        }
    }

    /** Four ASCII letters; the third must be upper case (lower case is reserved by the specification). */
    private static boolean isChunkType(String type) {
        for (int k = 0; k < 4; k++) {
            char c = type.charAt(k);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return Character.isUpperCase(type.charAt(2));
    }
}
