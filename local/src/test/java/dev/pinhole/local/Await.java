package dev.pinhole.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what the stack does asynchronously (deliveries, the publisher's last step) without asserting how long
 * it takes: the bound only keeps a broken stack from hanging the build, and the caller asserts the condition after.
 */
final class Await {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
