package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A splice joins kept ranges and new bytes in order, and hands back the original when nothing changed. */
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
}
