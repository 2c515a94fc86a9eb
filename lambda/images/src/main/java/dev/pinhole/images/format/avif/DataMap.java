package dev.pinhole.images.format.avif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Byte ranges of a file (where kept data lies, where data boxes are), sorted and merged once all are
 * added, then searched by bisection: a file with many items costs n log n, never n squared.
 */
final class DataMap {
    private final List<long[]> added = new ArrayList<>();
    private long[] starts;
    private long[] ends;

    void add(long from, long to) {
        if (to > from) {
            added.add(new long[] {from, to});
            starts = null;
        }
    }

    boolean overlaps(long from, long to) {
        int i = firstEndingAfter(from);
        return i < starts.length && starts[i] < to;
    }

    /** Whether one range covers all of {@code [from, to)}. */
    boolean covers(long from, long to) {
        int i = firstEndingAfter(from);
        return i < starts.length && starts[i] <= from && to <= ends[i];
    }

    /** The parts of {@code [from, to)} that no range covers, in order. */
    List<long[]> gaps(long from, long to) {
        List<long[]> gaps = new ArrayList<>();
        long at = from;
        for (int i = firstEndingAfter(from); i < starts.length && starts[i] < to; i++) {
            if (starts[i] > at) {
                gaps.add(new long[] {at, starts[i]});
            }
            at = Math.max(at, ends[i]);
        }
        if (at < to) {
            gaps.add(new long[] {at, to});
        }
        return gaps;
    }

    /** The index of the first merged range ending after {@code offset}. */
    private int firstEndingAfter(long offset) {
        merge();
        int found = Arrays.binarySearch(ends, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private void merge() {
        if (starts != null) {
            return;
        }
        added.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : added) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        starts = merged.stream().mapToLong(r -> r[0]).toArray();
        ends = merged.stream().mapToLong(r -> r[1]).toArray();
    }
}
