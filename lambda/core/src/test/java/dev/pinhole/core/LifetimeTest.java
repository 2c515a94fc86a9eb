package dev.pinhole.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifetimeTest {
    @Test
    void parse_readsEverySupportedLabelBack() {
        for (Lifetime lifetime : Lifetime.SUPPORTED) {
            assertEquals(lifetime, Lifetime.parse(lifetime.label()).orElseThrow());
        }
        assertEquals("7d", Lifetime.parse("7d").orElseThrow().label());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "7", "7D", "07d", " 7d", "7d ", "7h", "-7d", "0d", "2d", "10000d", "forever",
            "1e1d", "７d"})
    void parse_refusesOtherSpellingsAndUnsupportedLengths(String label) {
        assertTrue(Lifetime.parse(label).isEmpty(), label);
    }

    @Test
    void parse_refusesNull() {
        assertTrue(Lifetime.parse(null).isEmpty());
    }

    @Test
    void removeAfter_isWholeDaysAfterTheTicket() {
        Instant issued = Instant.parse("2026-12-01T22:10:05Z");

        assertEquals(Instant.parse("2026-12-02T22:10:05Z"), Lifetime.parse("1d").orElseThrow().removeAfter(issued));
        assertEquals(Instant.parse("2026-12-31T22:10:05Z"), Lifetime.parse("30d").orElseThrow().removeAfter(issued));
    }
}
