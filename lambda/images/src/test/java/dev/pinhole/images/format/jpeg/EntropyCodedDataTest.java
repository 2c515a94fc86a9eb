package dev.pinhole.images.format.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search for the end of the compressed data reads eight bytes at a time; these tests hold it to the
 * byte-by-byte answer at every alignment, next to the bytes that trip word-at-a-time tricks up.
 */
class EntropyCodedDataTest {
    /** 0xFE is 0x01 in the complement the search looks at, the neighbour whose borrow fakes a match. */
    private static final byte[] TRICKY = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};

    @Test
    void nextFf_findsTheFirstFfWhereverItSitsInAWord() {
        // Given one 0xFF at each position of arrays of 0 to 40 bytes, among bytes that are never 0xFF,
        for (int length = 0; length <= 40; length++) {
            for (int ff = -1; ff < length; ff++) {
                byte[] data = new byte[length];
                Arrays.fill(data, (byte) 0xFE);
                if (ff >= 0) {
                    data[ff] = (byte) 0xFF;
                }
                // When the search starts anywhere before it, Then it lands on it (or on the end when there is none).
                for (int from = 0; from <= length; from++) {
                    assertEquals(byteByByte(data, from), EntropyCodedData.nextFf(data, from),
                            "length " + length + ", 0xFF at " + ff + ", from " + from);
                }
            }
        }
    }

    @Test
    void nextFf_agreesWithTheByteByByteSearchOnBytesNextToFf() {
        Random random = new Random(12);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = new byte[random.nextInt(64)];
            for (int i = 0; i < data.length; i++) {
                data[i] = TRICKY[random.nextInt(TRICKY.length)];
            }
            for (int from = 0; from <= data.length; from++) {
                assertEquals(byteByByte(data, from), EntropyCodedData.nextFf(data, from), Arrays.toString(data));
            }
        }
    }

    @Test
    void end_skipsStuffedBytesAndRestartMarkers_atEveryAlignment() {
        for (int lead = 0; lead < 17; lead++) {
            // Given data with a stuffed 0xFF00, an RST3 and fill bytes before EOI, shifted by `lead` bytes,
            byte[] body = JpegBytes.concat(new byte[lead], new byte[] {0x11, (byte) 0xFF, 0x00, 0x22},
                    new byte[] {(byte) 0xFF, (byte) 0xD3, 0x33, 0x44, 0x55}, new byte[] {(byte) 0xFF, (byte) 0xFF});
            byte[] data = JpegBytes.concat(body, new byte[] {(byte) 0xFF, (byte) Markers.EOI});

            // When the end is searched from the start, Then it is the first fill byte before EOI.
            assertEquals(body.length - 2, EntropyCodedData.end(data, 0), "lead " + lead);
        }
    }

    @Test
    void end_refusesDataThatRunsToTheEndOfTheFile() {
        byte[] data = {0x11, (byte) 0xFF, 0x00, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0xFF, (byte) 0xD0, (byte) 0xFF};

        Refusal refusal = assertThrows(Refusal.class, () -> EntropyCodedData.end(data, 0));

        assertEquals(RefusalReason.TRUNCATED, refusal.reason());
    }

    private static int byteByByte(byte[] data, int from) {
        int i = from;
        while (i < data.length && data[i] != (byte) 0xFF) {
            i++;
        }
        return i;
    }
}
