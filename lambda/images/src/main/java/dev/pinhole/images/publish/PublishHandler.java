package dev.pinhole.images.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.images.store.S3Clients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher function: S3 invokes it (asynchronously, at least once) for every object created under the
 * upload prefix. Each record is published or refused by {@link Publisher} and makes one log line
 * ({@link PublishLine}, with the Lambda request id); records of another bucket or of a key no ticket could have
 * issued are logged and left alone.
 *
 * <p>Nothing an uploader sends makes it throw: malformed images are refusals. A failure of S3 itself (a 5xx,
 * the network, credentials) is thrown, so Lambda retries the event and, after its retries, sends it to the
 * stack's failure destination; the upload stays where it was, for the retry.
 */
public final class PublishHandler implements RequestHandler<S3Event, Void> {
    private final String bucket;
    private final Publisher publisher;
    private final Telemetry telemetry;
    /** What {@link #withTelemetry} builds another handler from. */
    private final S3Client s3;
    private final FormatLookup formats;
    private final PublishLimits limits;
    private final boolean tagObjects;
    private final Clock clock;

    /** Used by the Lambda runtime: configuration from the environment, credentials from the runtime. */
    public PublishHandler() {
        this(PublisherConfig.fromEnvironment(System.getenv()));
    }

    private PublishHandler(PublisherConfig config) {
        this(config, S3Clients.create(config.store(), S3Clients.lambdaCredentials()), FormatLookup.registry(),
                Clock.systemUTC());
    }

    /**
     * Used by tests and the local stack: the whole configuration (bucket, limits, whether to tag), their own S3
     * client and formats, and the clock that Cache-Control lifetimes count from.
     */
    public PublishHandler(PublisherConfig config, S3Client s3, FormatLookup formats, Clock clock) {
        this(s3, config.store().bucket(), formats, config.limits(), config.tagObjects(), clock);
    }

    /**
     * Used by tests and tools against S3Proxy, which has no object tagging: images are published without the
     * lifetime tag (their metadata and Cache-Control still carry the lifetime).
     */
    public PublishHandler(S3Client s3, String bucket, FormatLookup formats, PublishLimits limits, Clock clock) {
        this(s3, bucket, formats, limits, false, clock);
    }

    private PublishHandler(S3Client s3, String bucket, FormatLookup formats, PublishLimits limits,
                           boolean tagObjects, Clock clock) {
        this(s3, bucket, formats, limits, tagObjects, clock, Telemetry.lambda(PublisherMetrics.FUNCTION));
    }

    private PublishHandler(S3Client s3, String bucket, FormatLookup formats, PublishLimits limits,
                           boolean tagObjects, Clock clock, Telemetry telemetry) {
        this.bucket = bucket;
        this.s3 = s3;
        this.formats = formats;
        this.limits = limits;
        this.tagObjects = tagObjects;
        this.clock = clock;
        this.telemetry = telemetry;
        this.publisher = new Publisher(new ImageBucket(s3, bucket), new PendingInvalidations(s3, bucket), formats,
                limits, tagObjects, clock);
    }

    /**
     * The same handler writing its log lines to {@code telemetry} instead of JSON on standard output: the local
     * stack's readable lines ({@code Telemetry.readable(PublisherMetrics.FUNCTION, System.out)}), a test's capture.
     */
    public PublishHandler withTelemetry(Telemetry telemetry) {
        return new PublishHandler(s3, bucket, formats, limits, tagObjects, clock, telemetry);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        publishAll(event, context == null ? null : context.getAwsRequestId());
        return null;
    }

    /** Handles every record of the event; returns their outcomes, in order (for tests and the local stack). */
    public List<Outcome> publishAll(S3Event event) {
        return publishAll(event, null);
    }

    private List<Outcome> publishAll(S3Event event, String requestId) {
        List<Outcome> outcomes = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            ignored(requestId, "an event", "it has no records");
            return outcomes;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            outcomes.add(handle(record, requestId));
        }
        return outcomes;
    }

    private Outcome handle(S3EventNotificationRecord record, String requestId) {
        Optional<String> refusal = UploadRecord.whyNot(record, bucket);
        if (refusal.isPresent()) {
            ignored(requestId, UploadRecord.describe(record), refusal.get());
            return Outcome.IGNORED;
        }
        ImageKey key = UploadRecord.key(record).orElseThrow();
        PublishLine line = new PublishLine(telemetry.event("publish").requestId(requestId).field("image", key.name()));
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = publisher.publish(key, line);
        } catch (RuntimeException failed) {
            line.failed(failed);
            throw failed;
        }
        line.finished(outcome, Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    private void ignored(String requestId, String what, String why) {
        telemetry.event("record_ignored").warn().requestId(requestId).field("record", what).field("why", why).emit();
    }
}
