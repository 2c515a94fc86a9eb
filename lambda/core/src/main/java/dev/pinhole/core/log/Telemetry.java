package dev.pinhole.core.log;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where a function's log lines go, and how they are written. On Lambda every line is one JSON object on standard
 * output, which CloudWatch Logs keeps as one log event and, because each line that has metrics is also an
 * embedded-metric-format document, turns into CloudWatch metrics without any API call or client library. The
 * local stack writes the same events as short readable lines instead.
 *
 * <p>One instance per function, built once; events are built per request with {@link #event(String)}.
 */
public final class Telemetry {
    /** The CloudWatch namespace of every Pinhole metric; the template's alarms and dashboard use it too. */
    public static final String NAMESPACE = "Pinhole";
    /** The dimension every metric has: which function sent it (tickets, publisher, images, invalidator). */
    public static final String FUNCTION_DIMENSION = "Function";

    /** How an event becomes a line. */
    public enum Style { JSON, TEXT }

    private final String function;
    private final Style style;
    private final Consumer<String> sink;
    private final Clock clock;

    public Telemetry(String function, Style style, Consumer<String> sink, Clock clock) {
        this.function = function;
        this.style = style;
        this.sink = sink;
        this.clock = clock;
    }

    /** As the functions run on Lambda: JSON lines on standard output, the system clock. */
    public static Telemetry lambda(String function) {
        PrintStream out = System.out;
        return new Telemetry(function, Style.JSON, out::println, Clock.systemUTC());
    }

    /** Readable lines for people watching a terminal (the local stack). */
    public static Telemetry readable(String function, PrintStream out) {
        return new Telemetry(function, Style.TEXT, out::println, Clock.systemDefaultZone());
    }

    /** The same telemetry under another function's name (the local stack runs all functions in one process). */
    public Telemetry forFunction(String otherFunction) {
        return new Telemetry(otherFunction, style, sink, clock);
    }

    /** A new event named {@code name} (snake_case: {@code ticket_issued}); nothing is written until emitted. */
    public LogEvent event(String name) {
        return new LogEvent(this, name);
    }

    String function() {
        return function;
    }

    Clock clock() {
        return clock;
    }

    void write(LogEvent event) {
        sink.accept(style == Style.JSON ? event.json() : event.text());
    }
}
