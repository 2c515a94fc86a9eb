package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries within one invocation; the waits are recorded, never slept. */
class BackoffTest {
    final List<Duration> waits = new ArrayList<>();
    final Backoff backoff = new Backoff(4, Duration.ofSeconds(2), waits::add, new Random(13));

    static InvalidationFailure busy() {
        return new InvalidationFailure(400, "TooManyInvalidationsInProgress", "busy", true, null);
    }

    @Test
    void retryableFailures_areRetried_withDoublingJitteredWaits_thenTheLastIsThrown() {
        AtomicInteger attempts = new AtomicInteger();
        InvalidationFailure last = busy();

        InvalidationFailure thrown = assertThrows(InvalidationFailure.class, () -> backoff.run(() -> {
            attempts.incrementAndGet();
            throw attempts.get() == 4 ? last : busy();
        }, (failure, attempt, wait) -> { }));

        assertSame(last, thrown);
        assertEquals(4, attempts.get());
        assertEquals(3, waits.size());
        for (int i = 0; i < waits.size(); i++) {
            long ceiling = 2000L << i;
            long millis = waits.get(i).toMillis();
            assertTrue(millis >= ceiling / 2 && millis <= ceiling, "wait " + i + ": " + millis + " ms");
        }
    }

    @Test
    void success_afterABusyAnswer_isReturned_afterOneWait() {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> told = new ArrayList<>();

        String id = backoff.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw busy();
            }
            return "I1";
        }, (failure, attempt, wait) -> told.add(attempt));

        assertEquals("I1", id);
        assertEquals(List.of(1), told);
        assertEquals(1, waits.size());
    }

    @Test
    void failureThatCannotBeHelpedByWaiting_isThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(InvalidationFailure.class, () -> backoff.run(() -> {
            attempts.incrementAndGet();
            throw new InvalidationFailure(403, "AccessDenied", "no", false, null);
        }, (failure, attempt, wait) -> { }));

        assertEquals(1, attempts.get());
        assertEquals(List.of(), waits);
    }

    @Test
    void jitter_spreadsTheWaits() {
        Backoff spread = new Backoff(2, Duration.ofSeconds(2), wait -> { }, new Random(5));
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> spread.waitAfter(1)).distinct().count();

        assertTrue(distinct > 40, distinct + " distinct waits of 50");
    }
}
