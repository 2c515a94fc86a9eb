package dev.pinhole.images.format;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A cleaned file described as the parts of the original it keeps (byte ranges, in file order) and the few
 * new bytes put between them. It can be read as a stream straight from those parts ({@link #newStream}), which
 * is how the publisher sends it, so a 20 MB photo is never copied to take out a few kilobytes; or joined with
 * one allocation of exactly the result's size. Adjacent ranges merge, so a file that keeps everything is one
 * range, and {@link #join} then hands back the original array itself.
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

    /** How many bytes the cleaned file has. */
    public long length() {
        return total;
    }

    /**
     * The cleaned bytes as a new stream over the kept ranges and the new bytes, in order, copying nothing
     * beforehand. Each call starts again from the beginning (an HTTP client that retries asks for another).
     */
    public InputStream newStream() {
        return new PartsStream();
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
            int length = pieceLength(k);
            copyPiece(k, 0, out, at, length);
            at += length;
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

    /** Reads the pieces one after another, straight from the source array and the literals. */
    private final class PartsStream extends InputStream {
        private int piece;
        private int offsetInPiece;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            while (piece < count && offsetInPiece == pieceLength(piece)) {
                piece++;
                offsetInPiece = 0;
            }
            if (piece == count) {
                return -1;
            }
            int n = Math.min(length, pieceLength(piece) - offsetInPiece);
            copyPiece(piece, offsetInPiece, into, offset, n);
            offsetInPiece += n;
            return n;
        }

        @Override
        public int available() {
            long left = -offsetInPiece;
            for (int k = piece; k < count; k++) {
                left += pieceLength(k);
            }
            return (int) Math.min(left, Integer.MAX_VALUE);
        }
    }

    /** Copies {@code n} bytes of piece {@code k}, starting {@code from} bytes into it, to {@code into[at]}. */
    private void copyPiece(int k, int from, byte[] into, int at, int n) {
        int start = pieces[k * 2];
        if (start < 0) {
            System.arraycopy(literals.get(-1 - start), from, into, at, n);
        } else {
            System.arraycopy(source, start + from, into, at, n);
        }
    }

    private int pieceLength(int k) {
        int start = pieces[k * 2];
        return start < 0 ? literals.get(-1 - start).length : pieces[k * 2 + 1] - start;
    }

    /** Where the last kept range ended (a literal records the end of the range before it). */
    private int lastEnd() {
        return count == 0 ? 0 : pieces[count * 2 - 1];
    }
}
