package dev.pinhole.images.format.avif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorted, merged byte ranges of a file: where the data of kept items and samples lies. */
final class DataMap {
    private final List<long[]> ranges = new ArrayList<>();
    private boolean sorted = true;

    void add(long from, long to) {
        if (to > from) {
            ranges.add(new long[] {from, to});
            sorted = false;
        }
    }

    boolean overlaps(long from, long to) {
        merge();
        for (long[] range : ranges) {
            if (range[0] < to && from < range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The parts of {@code [from, to)} that no range covers, in order. */
    List<long[]> gaps(long from, long to) {
        merge();
        List<long[]> gaps = new ArrayList<>();
        long at = from;
        for (long[] range : ranges) {
            if (range[1] <= at || range[0] >= to) {
                continue;
            }
            if (range[0] > at) {
                gaps.add(new long[] {at, range[0]});
            }
            at = Math.max(at, range[1]);
        }
        if (at < to) {
            gaps.add(new long[] {at, to});
        }
        return gaps;
    }

    private void merge() {
        if (sorted) {
            return;
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        ranges.clear();
        ranges.addAll(merged);
        sorted = true;
    }
}
