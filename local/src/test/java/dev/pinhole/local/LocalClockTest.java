package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalClockTest {
    @Test
    void advance_movesTheClockAheadOfTheSystems_byThatMuch() {
        // Given a local clock
        LocalClock clock = LocalClock.systemUTC();
        Instant before = clock.instant();

        // When it is moved two days ahead
        clock.advance(Duration.ofDays(2));

        // Then it reads at least two days later than before, and no earlier than the system clock plus two days
        Instant after = clock.instant();
        assertFalse(after.isBefore(before.plus(Duration.ofDays(2))), before + " -> " + after);
        assertEquals(Duration.ofDays(2), clock.offset());
        assertTrue(Duration.between(Clock.systemUTC().instant(), after).compareTo(Duration.ofDays(1)) > 0, after.toString());
    }

    @Test
    void aCopyInAnotherZone_movesWithTheOriginal() {
        LocalClock clock = LocalClock.systemUTC();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(30));
        Instant floor = Clock.systemUTC().instant().plus(Duration.ofHours(30));

        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        assertFalse(paris.instant().isBefore(floor));
    }

    @Test
    void movingBack_isRefused_asExpiryOnlyLooksForward() {
        LocalClock clock = LocalClock.systemUTC();

        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        assertEquals(Duration.ZERO, clock.offset());
    }
}
