package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 1 byte",
            "2 | 2 bytes",
            "1023 | 1023 bytes",
            "1024 | 1 KiB (1024 bytes)",
            "1536 | 1.5 KiB (1536 bytes)",
            "20971520 | 20 MiB (20971520 bytes)",
            "5368709120 | 5 GiB (5368709120 bytes)"})
    void sizes_readAsPeopleSayThem_inTheUnitsThePageUses(long bytes, String expected) {
        // Given a limit an operator may configure (PINHOLE_MAX_UPLOAD_BYTES is 1 to 5 GiB)
        // When it is put into words / Then singular and plural are right, and binary units carry the exact count
        assertEquals(expected, ByteSizes.describe(bytes));
    }
}
