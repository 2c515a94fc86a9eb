package dev.pinhole.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.pinhole.images.publish.FormatLookup;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What tests may change about a local stack beyond its settings: the formats the publisher checks with, the S3
 * client the publisher writes through (to make S3 fail at a step), how long a failed delivery waits, what the
 * events are delivered to (the benchmarks wrap the publisher to meter it), and the clock of the functions and of
 * the stack's expiry (tests move a {@link LocalClock} past an image's lifetime), and where the functions' log lines
 * go (standard output, one readable line per request; tests read them).
 */
public record LocalOptions(FormatLookup formats, UnaryOperator<S3Client> publisherS3, List<Duration> retryDelays,
                           UnaryOperator<RequestHandler<S3Event, Void>> publisherWrapper, Clock clock,
                           PrintStream log) {
    /** As the stack runs for people: the registered formats, the plain client, Lambda-like retries, UTC time. */
    public static final LocalOptions DEFAULT =
            new LocalOptions(FormatLookup.registry(), UnaryOperator.identity(), EventDelivery.LAMBDA_LIKE_RETRIES,
                    UnaryOperator.identity(), Clock.systemUTC(), System.out);

    /**
     * For the test suites: stand-ins where a type has no format yet (see {@link StandInFormats}), and retries after
     * milliseconds instead of seconds.
     */
    public static final LocalOptions TESTS = DEFAULT.withFormats(StandInFormats.whereMissing())
            .withRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(100)));

    public LocalOptions withFormats(FormatLookup lookup) {
        return new LocalOptions(lookup, publisherS3, retryDelays, publisherWrapper, clock, log);
    }

    public LocalOptions withPublisherS3(UnaryOperator<S3Client> wrapper) {
        return new LocalOptions(formats, wrapper, retryDelays, publisherWrapper, clock, log);
    }

    public LocalOptions withRetryDelays(List<Duration> delays) {
        return new LocalOptions(formats, publisherS3, delays, publisherWrapper, clock, log);
    }

    /** Events go to {@code wrapper.apply(publisher)} instead of the publisher itself. */
    public LocalOptions withPublisherWrapper(UnaryOperator<RequestHandler<S3Event, Void>> wrapper) {
        return new LocalOptions(formats, publisherS3, retryDelays, wrapper, clock, log);
    }

    /**
     * The time of the ticket handler (a ticket's removeAfter), the publisher (an image's Cache-Control) and the
     * stack's expiry (what it removes). S3's own dates (request signatures, upload URL expiry) stay on real time.
     */
    public LocalOptions withLog(PrintStream functionsLog) {
        return new LocalOptions(formats, publisherS3, retryDelays, publisherWrapper, clock, functionsLog);
    }

    public LocalOptions withClock(Clock functionsClock) {
        return new LocalOptions(formats, publisherS3, retryDelays, publisherWrapper, functionsClock, log);
    }
}
