package dev.pinhole.images.cdn;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Retries of a busy CDN within one invocation: a few attempts, the waits doubling, each a random point in its
 * upper half ("equal jitter"), so that invalidators retrying together spread out but never retry at once. When
 * the last attempt fails too the failure is thrown: Lambda retries the event later, and the markers stay for the
 * schedule.
 */
final class Backoff {
    /** Four attempts, waits of 1-2, 2-4 and 4-8 seconds: at most 14 s of waiting in an invocation. */
    static final Backoff DEFAULT = new Backoff(4, Duration.ofSeconds(2), Backoff::sleep,
            ThreadLocalRandom.current());

    /** Waits; a test's version records instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    /** Called before each wait, for the log. */
    @FunctionalInterface
    interface Listener {
        void retrying(InvalidationFailure failure, int attempt, Duration wait);
    }

    private final int attempts;
    private final Duration firstCeiling;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    Backoff(int attempts, Duration firstCeiling, Sleeper sleeper, RandomGenerator random) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.attempts = attempts;
        this.firstCeiling = firstCeiling;
        this.sleeper = sleeper;
        this.random = random;
    }

    <T> T run(Supplier<T> attempt, Listener listener) {
        for (int done = 1; ; done++) {
            try {
                return attempt.get();
            } catch (InvalidationFailure failure) {
                if (!failure.retryable() || done >= attempts) {
                    throw failure;
                }
                Duration wait = waitAfter(done);
                listener.retrying(failure, done, wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    /** After the n-th failed attempt (from 1): a random wait in [ceiling / 2, ceiling], ceiling = first x 2^(n-1). */
    Duration waitAfter(int failedAttempts) {
        long ceiling = firstCeiling.toMillis() << Math.min(failedAttempts - 1, 20);
        return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
    }

    private static void sleep(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
    }
}
