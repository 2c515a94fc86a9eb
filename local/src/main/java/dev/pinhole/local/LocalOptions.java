package dev.pinhole.local;

import dev.pinhole.images.publish.FormatLookup;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What tests may change about a local stack beyond its settings: the formats the publisher checks with, the S3
 * client the publisher writes through (to make S3 fail at a step), and how long a failed delivery waits.
 */
public record LocalOptions(FormatLookup formats, UnaryOperator<S3Client> publisherS3, List<Duration> retryDelays,
                           boolean deliverEvents) {
    /** As the stack runs for people: the registered formats, the plain client, Lambda-like retries. */
    public static final LocalOptions DEFAULT =
            new LocalOptions(FormatLookup.registry(), UnaryOperator.identity(), EventDelivery.LAMBDA_LIKE_RETRIES, true);

    /**
     * For the test suites: stand-ins where a type has no format yet (see {@link StandInFormats}), and retries after
     * milliseconds instead of seconds.
     */
    public static final LocalOptions TESTS = DEFAULT.withFormats(StandInFormats.whereMissing())
            .withRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(100)));

    public LocalOptions withFormats(FormatLookup lookup) {
        return new LocalOptions(lookup, publisherS3, retryDelays, deliverEvents);
    }

    public LocalOptions withPublisherS3(UnaryOperator<S3Client> wrapper) {
        return new LocalOptions(formats, wrapper, retryDelays, deliverEvents);
    }

    public LocalOptions withRetryDelays(List<Duration> delays) {
        return new LocalOptions(formats, publisherS3, delays, deliverEvents);
    }

    /**
     * No upload events at all: for a caller that invokes a publisher itself and times it (bench/'s cost
     * comparison), which the stack's own deliveries would race. Nothing is published otherwise.
     */
    public LocalOptions withoutEvents() {
        return new LocalOptions(formats, publisherS3, retryDelays, false);
    }
}
