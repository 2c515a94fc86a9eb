package dev.pinhole.images.format.avif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Byte surgery on a file held in memory, described in the original file's offsets and applied at once:
 * fields overwritten in place, ranges zeroed, ranges deleted, bytes inserted. Overwrites must not touch
 * deleted ranges; deletions and insertions must not overlap each other (the cleaner never asks for that).
 */
final class Edits {
    private record Range(int from, int to) {
    }

    private record Patch(int offset, byte[] bytes) {
    }

    private record Insertion(int at, byte[] bytes) {
    }

    private final List<Range> deletions = new ArrayList<>();
    /** Deletions sorted by start, with the running total of their lengths; rebuilt after each new deletion. */
    private Range[] sorted;
    private long[] deletedBefore;
    private final List<Range> zeroed = new ArrayList<>();
    private final List<Patch> patches = new ArrayList<>();
    private final List<Insertion> insertions = new ArrayList<>();

    boolean isEmpty() {
        return deletions.isEmpty() && zeroed.isEmpty() && patches.isEmpty() && insertions.isEmpty();
    }

    void delete(int from, int to) {
        deletions.add(new Range(from, to));
        sorted = null;
    }

    void zero(long from, long to) {
        zeroed.add(new Range((int) from, (int) to));
    }

    void insert(int at, byte[] bytes) {
        insertions.add(new Insertion(at, bytes));
    }

    /** Writes {@code value} big-endian in {@code width} bytes at {@code offset}. */
    void writeUnsigned(int offset, int width, long value) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        patches.add(new Patch(offset, bytes));
    }

    void write(int offset, byte[] bytes) {
        patches.add(new Patch(offset, bytes.clone()));
    }

    /** How many bytes the deletions take out of {@code [from, to)}: those that lie wholly inside it. */
    long deletedWithin(int from, int to) {
        index();
        int first = firstStartingAtOrAfter(from);
        int last = firstStartingAtOrAfter(to);
        if (last > first && sorted[last - 1].to() > to) {
            last--; // straddles the end: not inside
        }
        return last > first ? deletedBefore[last] - deletedBefore[first] : 0;
    }

    boolean isDeleted(int from, int to) {
        index();
        int candidate = firstStartingAtOrAfter(from + 1) - 1;
        return candidate >= 0 && sorted[candidate].from() <= from && to <= sorted[candidate].to();
    }

    private boolean touchesDeletion(int from, int to) {
        int candidate = firstStartingAtOrAfter(to) - 1;
        return candidate >= 0 && sorted[candidate].to() > from;
    }

    private int firstStartingAtOrAfter(int offset) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle].from() < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void index() {
        if (sorted != null) {
            return;
        }
        sorted = deletions.toArray(new Range[0]);
        Arrays.sort(sorted, Comparator.comparingInt(Range::from));
        deletedBefore = new long[sorted.length + 1];
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i].from() < sorted[i - 1].to()) {
                throw new IllegalStateException("overlapping deletions");
            }
            deletedBefore[i + 1] = deletedBefore[i] + sorted[i].to() - sorted[i].from();
        }
    }

    /**
     * The edited file, built in one array of its final size: the kept bytes are copied once, then zeroed
     * ranges and rewritten fields are applied at their new offsets (none of them lies in a deleted range).
     */
    byte[] applyTo(byte[] source) {
        index();
        List<Insertion> adds = new ArrayList<>(insertions);
        adds.sort(Comparator.comparingInt(Insertion::at));
        byte[] out = assemble(source, adds);
        for (Range range : zeroed) {
            requireKept(range.from(), range.to());
            if (adds.stream().anyMatch(a -> range.from() < a.at() && a.at() < range.to())) {
                throw new IllegalStateException("an insertion inside a zeroed range");
            }
            Arrays.fill(out, moved(range.from(), adds), moved(range.from(), adds) + range.to() - range.from(), (byte) 0);
        }
        for (Patch patch : patches) {
            requireKept(patch.offset(), patch.offset() + patch.bytes().length);
            System.arraycopy(patch.bytes(), 0, out, moved(patch.offset(), adds), patch.bytes().length);
        }
        return out;
    }

    private void requireKept(int from, int to) {
        if (touchesDeletion(from, to)) {
            throw new IllegalStateException("an edit inside a deleted range");
        }
    }

    /** Where the byte at {@code offset} of the original ends up: less what was deleted before it, plus insertions. */
    private int moved(int offset, List<Insertion> adds) {
        int shift = (int) deletedBefore[firstStartingAtOrAfter(offset)];
        for (Insertion add : adds) {
            if (add.at() <= offset) {
                shift -= add.bytes().length;
            }
        }
        return offset - shift;
    }

    private byte[] assemble(byte[] source, List<Insertion> adds) {
        List<Range> cuts = Arrays.asList(sorted);
        long length = source.length - deletedBefore[sorted.length] + adds.stream().mapToLong(a -> a.bytes().length).sum();
        byte[] out = new byte[Math.toIntExact(length)];
        int written = 0;
        int at = 0;
        int cut = 0;
        int add = 0;
        while (at <= source.length) {
            int nextCut = cut < cuts.size() ? cuts.get(cut).from() : source.length;
            int nextAdd = add < adds.size() ? adds.get(add).at() : source.length;
            int until = Math.min(nextCut, nextAdd);
            if (until < at) {
                throw new IllegalStateException("overlapping deletions or insertions");
            }
            System.arraycopy(source, at, out, written, until - at);
            written += until - at;
            at = until;
            if (add < adds.size() && adds.get(add).at() == at) {
                byte[] bytes = adds.get(add++).bytes();
                System.arraycopy(bytes, 0, out, written, bytes.length);
                written += bytes.length;
            } else if (cut < cuts.size() && cuts.get(cut).from() == at) {
                at = cuts.get(cut++).to();
            } else {
                break; // at the end of the file
            }
        }
        return out;
    }
}
