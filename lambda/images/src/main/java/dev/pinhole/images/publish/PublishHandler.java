package dev.pinhole.images.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.pinhole.core.ImageKey;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.S3Clients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher function: S3 invokes it (asynchronously, at least once) for every object created under the
 * upload prefix. Each record is published or refused by {@link Publisher}; records of another bucket or of a
 * key no ticket could have issued are logged and left alone.
 *
 * <p>Nothing an uploader sends makes it throw: malformed images are refusals. A failure of S3 itself (a 5xx,
 * the network, credentials) is thrown, so Lambda retries the event and, after its retries, sends it to the
 * stack's failure destination; the upload stays where it was, for the retry.
 */
public final class PublishHandler implements RequestHandler<S3Event, Void> {
    private final String bucket;
    private final Publisher publisher;
    private final PublishLog log;

    /** Used by the Lambda runtime: configuration from the environment, credentials from the runtime. */
    public PublishHandler() {
        this(PublisherConfig.fromEnvironment(System.getenv()));
    }

    private PublishHandler(PublisherConfig config) {
        this(S3Clients.create(config.store(), S3Clients.lambdaCredentials()), config.store().bucket(),
                FormatLookup.registry(), config.limits(), Clock.systemUTC());
    }

    /** Used by tests and the local stack, which bring their own S3 client, formats and limits. */
    public PublishHandler(S3Client s3, String bucket, FormatLookup formats, PublishLimits limits, Clock clock) {
        this.bucket = bucket;
        this.log = new PublishLog(System.out);
        this.publisher = new Publisher(new ImageBucket(s3, bucket), formats, limits, clock, log);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        publishAll(event);
        return null;
    }

    /** Handles every record of the event; returns their outcomes, in order (for tests and the local stack). */
    public List<Outcome> publishAll(S3Event event) {
        List<Outcome> outcomes = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            log.ignored("an event", "it has no records");
            return outcomes;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            outcomes.add(handle(record));
        }
        return outcomes;
    }

    private Outcome handle(S3EventNotificationRecord record) {
        Optional<String> refusal = UploadRecord.whyNot(record, bucket);
        if (refusal.isPresent()) {
            log.ignored(UploadRecord.describe(record), refusal.get());
            return Outcome.IGNORED;
        }
        ImageKey key = UploadRecord.key(record).orElseThrow();
        Outcome outcome = publisher.publish(key);
        log.outcome(key.name(), outcome);
        return outcome;
    }
}
