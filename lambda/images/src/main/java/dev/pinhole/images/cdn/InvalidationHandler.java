package dev.pinhole.images.cdn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.log.LogEvent;
import dev.pinhole.core.log.MetricUnit;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.images.store.S3Clients;
import dev.pinhole.images.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The invalidator function: removes CloudFront's copies of deleted images. A delete leaves a marker
 * {@code p/<id>.<ext>}; S3 invokes this function for each new marker, and a schedule (every 10 minutes) invokes it
 * for what an earlier run could not finish. Either way it does the same: list the pending markers (at most
 * {@value #MAX_PATHS}, CloudFront's limit of paths in progress), send one invalidation for all their links, and
 * delete the markers once CloudFront accepted it. Deletes that come together are batched: the function runs one at
 * a time (reserved concurrency 1), so markers written while it runs wait for the next run.
 *
 * <p>The event itself is only a trigger, so a scheduled event (which has no S3 records) does the same. CloudFront
 * busy or failing: retried with backoff a few times ({@link Backoff}); then the invocation fails, Lambda retries it,
 * and the markers stay for the next run. Every path costs (the first 1,000 a month are free), so nothing here sends
 * one path twice on purpose: the caller reference is the batch's hash, and CloudFront does not repeat a batch it
 * has seen.
 */
public final class InvalidationHandler implements RequestHandler<S3Event, Void> {
    /** CloudFront has at most 3,000 paths in progress per distribution. */
    static final int MAX_PATHS = 3000;

    private final PendingInvalidations pending;
    private final Invalidations invalidations;
    private final Backoff backoff;
    private final Telemetry telemetry;
    /** What {@link #withTelemetry} builds another handler from. */
    private final StoreConfig store;
    private final S3Client s3;

    /** Used by the Lambda runtime: configuration from the environment, credentials from the runtime. */
    public InvalidationHandler() {
        this(InvalidationConfig.fromEnvironment(System.getenv()), S3Clients.lambdaCredentials());
    }

    private InvalidationHandler(InvalidationConfig config, AwsCredentialsProvider credentials) {
        this(config.store(), S3Clients.create(config.store(), credentials),
                CloudFrontInvalidations.create(config, credentials));
    }

    /** Used by tests and the local stack, which bring their S3 client and their invalidations (local: recorded). */
    public InvalidationHandler(StoreConfig store, S3Client s3, Invalidations invalidations) {
        this(store, s3, invalidations, Backoff.DEFAULT);
    }

    InvalidationHandler(StoreConfig store, S3Client s3, Invalidations invalidations, Backoff backoff) {
        this(store, s3, invalidations, backoff, Telemetry.lambda(InvalidatorMetrics.FUNCTION));
    }

    private InvalidationHandler(StoreConfig store, S3Client s3, Invalidations invalidations, Backoff backoff,
                                Telemetry telemetry) {
        this.store = store;
        this.s3 = s3;
        this.pending = new PendingInvalidations(s3, store.bucket());
        this.invalidations = invalidations;
        this.backoff = backoff;
        this.telemetry = telemetry;
    }

    /**
     * The same handler writing its log lines to {@code telemetry} instead of JSON on standard output: the local
     * stack's readable lines ({@code Telemetry.readable(InvalidatorMetrics.FUNCTION, System.out)}), a test's
     * capture.
     */
    public InvalidationHandler withTelemetry(Telemetry telemetry) {
        return new InvalidationHandler(store, s3, invalidations, backoff, telemetry);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        boolean scheduled = event == null || event.getRecords() == null || event.getRecords().isEmpty();
        run(scheduled ? "schedule" : "markers", context == null ? null : context.getAwsRequestId());
        return null;
    }

    /**
     * One run: invalidates the links of up to {@value #MAX_PATHS} pending markers, then deletes those markers.
     *
     * @return the paths invalidated (empty when nothing was pending)
     * @throws InvalidationFailure when CloudFront did not accept them; the markers stay
     */
    public List<String> invalidatePending() {
        return run("direct", null);
    }

    /** The run, and its one log line (a WARN line more for each retry); a failure is logged whole, then thrown. */
    private List<String> run(String trigger, String requestId) {
        try {
            List<ImageKey> marked = pending.list(MAX_PATHS);
            if (marked.isEmpty()) {
                line("invalidation_run", trigger, requestId).field("paths", 0).emit();
                return List.of();
            }
            List<String> paths = marked.stream().map(ImageKey::linkPath).toList();
            String reference = callerReference(paths);
            String id = backoff.run(() -> invalidations.send(paths, reference), (failure, attempt, wait) ->
                    line("invalidation_retry", trigger, requestId).warn().field("attempt", attempt)
                            .field("status", failure.status()).field("code", failure.code())
                            .field("waitMs", wait.toMillis()).count(InvalidatorMetrics.INVALIDATION_RETRIES).emit());
            pending.remove(marked);
            line("invalidation_run", trigger, requestId).field("paths", paths.size()).field("invalidation", id)
                    .metric(InvalidatorMetrics.PATHS_INVALIDATED, MetricUnit.COUNT, paths.size())
                    .count(InvalidatorMetrics.INVALIDATION_BATCHES).emit();
            return paths;
        } catch (RuntimeException failed) {
            line("invalidation_failed", trigger, requestId).error(failed)
                    .count(InvalidatorMetrics.INVALIDATION_FAILURES).emit();
            throw failed;
        }
    }

    /** The same for the same batch: a repeat (an answer lost, markers not deleted) is not invalidated again. */
    static String callerReference(List<String> paths) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", paths).getBytes(StandardCharsets.UTF_8));
            return "pinhole-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private LogEvent line(String name, String trigger, String requestId) {
        return telemetry.event(name).requestId(requestId).field("trigger", trigger);
    }
}
