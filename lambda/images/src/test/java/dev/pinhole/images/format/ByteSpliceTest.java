package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A splice joins kept ranges and new bytes in order, and hands back the original when nothing changed; read as
 * a stream it gives exactly the joined bytes, however the reader asks for them.
 */
class ByteSpliceTest {
    private final byte[] source = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void join_returnsTheSourceItselfWhenEverythingIsKept() {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(0, 4);
        splice.keep(4, 10);

        assertSame(source, splice.join());
    }

    @Test
    void join_leavesOutDroppedRangesAndPutsNewBytesWhereTheyCame() {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(0, 2);
        splice.put(new byte[] {42, 43});
        splice.keep(5, 7);
        splice.keep(9, 10);

        assertArrayEquals(new byte[] {0, 1, 42, 43, 5, 6, 9}, splice.join());
    }

    @Test
    void join_isNotTheSourceWhenBytesWerePutInsteadOfOthersOfTheSameLength() {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(0, 8);
        splice.put(new byte[] {8, 9});

        assertArrayEquals(source, splice.join());
        assertThrows(AssertionError.class, () -> assertSame(source, splice.join()));
    }

    @Test
    void keep_refusesRangesOutOfOrderOrOutsideTheSource() {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(4, 6);

        assertThrows(IllegalArgumentException.class, () -> splice.keep(2, 3));
        assertThrows(IllegalArgumentException.class, () -> splice.keep(8, 11));
    }

    @Test
    void newStream_readsTheKeptRangesAndNewBytesInOrder_andEachStreamStartsAgain() throws IOException {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(0, 2);
        splice.put(new byte[] {42, 43});
        splice.keep(5, 7);
        splice.put(new byte[] {44});
        splice.keep(9, 10);
        byte[] expected = {0, 1, 42, 43, 5, 6, 44, 9};

        assertEquals(expected.length, splice.length());
        InputStream first = splice.newStream();
        assertEquals(0, first.read());
        assertEquals(1, first.read());
        assertEquals(6, first.available());
        assertArrayEquals(expected, splice.newStream().readAllBytes(), "a second stream starts from the beginning");
        assertArrayEquals(new byte[] {42, 43, 5, 6, 44, 9}, first.readAllBytes());
        assertEquals(-1, first.read());
        assertEquals(0, first.read(new byte[4], 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> first.read(new byte[4], 2, 3));
    }

    @Test
    void newStream_ofAWholeFile_isTheFile() throws IOException {
        ByteSplice splice = new ByteSplice(source);
        splice.keep(0, 10);

        assertArrayEquals(source, splice.newStream().readAllBytes());
        assertEquals(10, splice.length());
    }

    /** Random splices read in random-sized pieces: the stream and the joined array never differ. */
    @RepeatedTest(50)
    void newStream_givesWhatJoinGives_forAnySpliceAndAnyReadSizes() throws IOException {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        byte[] file = new byte[1 + random.nextInt(5000)];
        random.nextBytes(file);
        ByteSplice splice = new ByteSplice(file);
        int at = 0;
        while (at < file.length) {
            int start = at + random.nextInt(Math.min(50, file.length - at) + 1);
            int end = Math.min(file.length, start + random.nextInt(400));
            if (random.nextInt(4) == 0) {
                byte[] literal = new byte[random.nextInt(30)];
                random.nextBytes(literal);
                splice.put(literal);
            }
            splice.keep(start, end);
            at = end + 1;
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = splice.newStream()) {
            byte[] buffer = new byte[1 + random.nextInt(700)];
            for (int n; (n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) != -1; ) {
                read.write(buffer, 0, n);
            }
        }
        byte[] joined = splice.join();

        assertArrayEquals(joined, read.toByteArray(), "seed " + seed);
        assertEquals(joined.length, splice.length(), "seed " + seed);
    }
}
