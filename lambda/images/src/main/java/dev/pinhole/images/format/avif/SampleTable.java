package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.List;

/**
 * A track's sample table ('stbl'): sizes from 'stsz' or 'stz2', chunk offsets from 'stco' or 'co64', and
 * the sample-to-chunk runs of 'stsc' that place the samples in chunks. The sample count is held to the
 * frame limit before anything else; each chunk's samples, which lie back to back, must lie inside the file.
 * The work is bounded by the tables' bytes: a fixed sample size is never expanded sample by sample.
 */
final class SampleTable {
    private final byte[] data;
    private final InspectionLimits limits;
    private final PartBudget parts;
    private final List<Box> children;

    SampleTable(byte[] data, Box stbl, InspectionLimits limits, PartBudget parts) {
        this.data = data;
        this.limits = limits;
        this.parts = parts;
        this.children = BoxList.children(data, stbl, stbl.payload(), parts);
    }

    /** Adds where each chunk's samples are to {@code into} and returns the sample count. */
    int readInto(List<Location.Extent> into) {
        SequenceReader.checkSampleEntry(data, SequenceReader.find(children, "stsd", "a track has no 'stsd' box"),
                limits, parts);
        Sizes sizes = sampleSizes();
        long[] offsets = chunkOffsets();
        BoxCursor stsc = new BoxCursor(data, SequenceReader.find(children, "stsc", "a track has no 'stsc' box"));
        stsc.fullBoxVersion();
        long runs = stsc.u32();
        long placed = 0;
        long firstChunk = runs > 0 ? stsc.u32() : 1;
        for (long run = 0; run < runs && placed < sizes.count; run++) {
            parts.count("sample-to-chunk run");
            long perChunk = stsc.u32();
            stsc.u32(); // sample_description_index
            long nextFirst = run + 1 < runs ? stsc.u32() : offsets.length + 1L;
            if (firstChunk < 1 || nextFirst <= firstChunk || nextFirst > offsets.length + 1L) {
                throw malformed("the 'stsc' runs do not follow the track's chunks");
            }
            for (long chunk = firstChunk; chunk < nextFirst && placed < sizes.count; chunk++) {
                long samples = Math.min(perChunk, sizes.count - placed);
                addChunk(into, offsets[(int) chunk - 1], sizes.next(samples));
                placed += samples;
            }
            firstChunk = nextFirst;
        }
        if (placed < sizes.count) {
            throw malformed("the sample tables place " + placed + " of " + sizes.count + " samples");
        }
        return (int) sizes.count;
    }

    private void addChunk(List<Location.Extent> into, long at, long length) {
        if (at > data.length || length > data.length - at) {
            throw new Refusal(RefusalReason.TRUNCATED, "samples of the sequence lie beyond the end of the file");
        }
        if (length > 0) {
            into.add(new Location.Extent(at, length));
        }
    }

    private Sizes sampleSizes() {
        Box box = children.stream().filter(b -> b.is("stsz") || b.is("stz2")).findFirst()
                .orElseThrow(() -> malformed("a track has no 'stsz' box"));
        BoxCursor cursor = new BoxCursor(data, box);
        cursor.fullBoxVersion();
        long fixed = 0;
        int fieldBits = 32;
        if (box.is("stsz")) {
            fixed = cursor.u32();
        } else {
            cursor.skip(3);
            fieldBits = cursor.u8();
            if (fieldBits != 4 && fieldBits != 8 && fieldBits != 16) {
                throw malformed("the 'stz2' field size is " + fieldBits + " bits");
            }
        }
        long count = cursor.u32();
        if (count > limits.maxFrames() || count > Integer.MAX_VALUE) {
            throw new Refusal(RefusalReason.TOO_MANY_FRAMES, "a track of the sequence has " + count + " samples, more than "
                    + limits.maxFrames());
        }
        if (fixed == 0 && count > (cursor.remaining() * 8L) / fieldBits) {
            throw malformed(box.describe() + " declares more samples than it lists sizes for");
        }
        return new Sizes(cursor, count, fixed, fieldBits);
    }

    private long[] chunkOffsets() {
        Box box = children.stream().filter(b -> b.is("stco") || b.is("co64")).findFirst()
                .orElseThrow(() -> malformed("a track has no 'stco' box"));
        BoxCursor cursor = new BoxCursor(data, box);
        cursor.fullBoxVersion();
        long count = cursor.u32();
        int width = box.is("stco") ? 4 : 8;
        if (count > cursor.remaining() / width) {
            throw malformed(box.describe() + " declares more chunks than it holds");
        }
        long[] offsets = new long[(int) count];
        for (int i = 0; i < offsets.length; i++) {
            parts.count("chunk offset");
            offsets[i] = cursor.sized(width);
        }
        return offsets;
    }

    /** The sample sizes in order: one fixed size, or a table of 4-, 8-, 16- or 32-bit entries read as needed. */
    private static final class Sizes {
        private final BoxCursor table;
        private final long count;
        private final long fixed;
        private final int fieldBits;
        private long read;
        private int nibbles;

        Sizes(BoxCursor table, long count, long fixed, int fieldBits) {
            this.table = table;
            this.count = count;
            this.fixed = fixed;
            this.fieldBits = fieldBits;
        }

        /** The total size of the next {@code samples} samples, which lie back to back in one chunk. */
        long next(long samples) {
            if (fixed != 0) {
                read += samples;
                return samples > Long.MAX_VALUE / fixed ? Long.MAX_VALUE : samples * fixed;
            }
            long total = 0;
            for (long i = 0; i < samples; i++, read++) {
                total += fieldBits == 4 ? nibble() : table.sized(fieldBits / 8);
            }
            return total;
        }

        private int nibble() {
            if (read % 2 == 0) {
                nibbles = table.u8();
                return nibbles >> 4;
            }
            return nibbles & 15;
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
