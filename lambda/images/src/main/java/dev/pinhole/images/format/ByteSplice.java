package dev.pinhole.images.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cleaned file described as the parts of the original it keeps (byte ranges, in file order) and the few
 * new bytes put between them, joined with one allocation of exactly the result's size: peak memory is the
 * original plus the result. Adjacent ranges merge, so a file that keeps everything is one range, and
 * {@link #join} then hands back the original array itself.
 */
public final class ByteSplice {
    private final byte[] source;
    /** Pairs of [start, end) into the source; a start of -1 - k marks literal k instead. */
    private int[] pieces = new int[16];
    private int count;
    private final List<byte[]> literals = new ArrayList<>();
    private long total;

    public ByteSplice(byte[] source) {
        this.source = source;
    }

    /** Keeps {@code source[start, end)}; ranges must come in file order and must not overlap. */
    public void keep(int start, int end) {
        if (start < 0 || end < start || end > source.length || start < lastEnd()) {
            throw new IllegalArgumentException("range " + start + ".." + end + " is out of order or out of the file");
        }
        if (start == end) {
            return;
        }
        total += end - start;
        if (count > 0 && pieces[count * 2 - 2] >= 0 && pieces[count * 2 - 1] == start) {
            pieces[count * 2 - 1] = end;
            return;
        }
        add(start, end);
    }

    /** Puts new bytes (a rewritten header, say) after everything kept or put so far. */
    public void put(byte[] bytes) {
        literals.add(bytes.clone());
        total += bytes.length;
        add(-literals.size(), lastEnd());
    }

    /** True when the result is the source unchanged: one range over all of it, nothing new put in. */
    public boolean isWhole() {
        return literals.isEmpty() && total == source.length;
    }

    /** The cleaned bytes; the source array itself when nothing was dropped or put. */
    public byte[] join() {
        if (isWhole()) {
            return source;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a spliced file cannot exceed 2 GiB");
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int start = pieces[k * 2];
            if (start < 0) {
                byte[] literal = literals.get(-1 - start);
                System.arraycopy(literal, 0, out, at, literal.length);
                at += literal.length;
            } else {
                int length = pieces[k * 2 + 1] - start;
                System.arraycopy(source, start, out, at, length);
                at += length;
            }
        }
        return out;
    }

    private void add(int start, int end) {
        if (count * 2 == pieces.length) {
            pieces = Arrays.copyOf(pieces, pieces.length * 2);
        }
        pieces[count * 2] = start;
        pieces[count * 2 + 1] = end;
        count++;
    }

    /** Where the last kept range ended (a literal records the end of the range before it). */
    private int lastEnd() {
        return count == 0 ? 0 : pieces[count * 2 - 1];
    }
}
