package dev.pinhole.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers S3 events to one function (the publisher, the invalidator) as Lambda's asynchronous invocation does:
 * off the thread that caused them, at least once, and a failed attempt retried twice with a growing delay; after
 * the last one the event is logged as failed (Lambda would send it to the failure destination), and the object
 * stays where it is for the next start's sweep. The delays are seconds rather than Lambda's one and two minutes,
 * so that a failure shows while someone is looking.
 */
final class EventDelivery implements AutoCloseable {
    static final List<Duration> LAMBDA_LIKE_RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final String function;
    private final ScheduledExecutorService executor;
    private final List<Duration> retryDelays;
    private final AtomicReference<RequestHandler<S3Event, Void>> handler = new AtomicReference<>();
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param function    what the events go to, in thread names and the log ("publisher")
     * @param concurrency how many events run at once, like the function's concurrency
     */
    EventDelivery(String function, int concurrency, List<Duration> retryDelays) {
        this.function = function;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "pinhole-" + function);
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        this.retryDelays = List.copyOf(retryDelays);
    }

    /** The function; set once the local S3 it reads from is running. */
    void attach(RequestHandler<S3Event, Void> function) {
        handler.set(function);
    }

    /** Queues one event (S3 notification JSON) and returns at once. */
    void deliver(String eventJson) {
        pending.incrementAndGet();
        executor.execute(() -> attempt(eventJson, 0));
    }

    /** Events queued or being retried; the benchmark and tests wait for zero. */
    int pending() {
        return pending.get();
    }

    private void attempt(String eventJson, int attempt) {
        try {
            RequestHandler<S3Event, Void> target = handler.get();
            if (target == null) {
                throw new IllegalStateException("the " + function + " is not attached yet");
            }
            target.handleRequest(S3Notifications.parse(eventJson), null);
            pending.decrementAndGet();
        } catch (RuntimeException | Error failed) {
            if (attempt < retryDelays.size() && !executor.isShutdown()) {
                System.err.println("pinhole: the " + function + " failed (" + failed + "); retry " + (attempt + 1) + " of "
                        + retryDelays.size() + " in " + retryDelays.get(attempt).toMillis() + " ms");
                executor.schedule(() -> attempt(eventJson, attempt + 1), retryDelays.get(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                pending.decrementAndGet();
                System.err.println("pinhole: gave up on the " + function + " after " + (attempt + 1) + " attempts ("
                        + failed + "); the object stays and its event is sent again at the next start. Event: "
                        + eventJson);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
