package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;

/** Reads the chunks that must exactly fill one region: the RIFF payload, or the frame data of an ANMF chunk. */
final class ChunkList {
    private ChunkList() {
    }

    /**
     * The chunks in {@code [from, to)}, each size checked against what is left and each pad byte present
     * and zero. {@code outermost} says the region ends where the file ends, so a chunk running past it
     * means the file was cut short (truncated) rather than a chunk lying about its size inside its frame.
     */
    static List<Chunk> read(byte[] data, int from, int to, PartBudget parts, boolean outermost) {
        RefusalReason overrun = outermost ? RefusalReason.TRUNCATED : RefusalReason.MALFORMED;
        String region = outermost ? "the file" : "its frame";
        List<Chunk> chunks = new ArrayList<>();
        int at = from;
        while (at < to) {
            parts.count("chunk");
            if (to - at < Chunk.HEADER_SIZE) {
                throw new Refusal(overrun, "a chunk header at offset " + at + " runs past the end of " + region);
            }
            String type = Bytes.fourCc(data, at, "chunk type");
            long size = Bytes.u32le(data, at + 4, "chunk size");
            long room = (long) to - at - Chunk.HEADER_SIZE;
            if (size + (size & 1) > room) {
                throw new Refusal(overrun, Chunk.describe(type) + " chunk at offset " + at + " declares " + size
                        + " bytes (padded to an even count), but only " + room + " remain in " + region);
            }
            Chunk chunk = new Chunk(type, at, (int) size);
            if ((size & 1) == 1 && data[chunk.end() - 1] != 0) {
                throw new Refusal(RefusalReason.MALFORMED, "the pad byte after " + chunk.describe() + " is not zero");
            }
            chunks.add(chunk);
            at = chunk.end();
        }
        return chunks;
    }
}
