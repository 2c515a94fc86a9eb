package dev.pinhole.images.cdn;

import dev.pinhole.core.log.Telemetry;
import java.util.List;

/**
 * The invalidator's CloudWatch metrics, in namespace {@value Telemetry#NAMESPACE} with dimension
 * {@value Telemetry#FUNCTION_DIMENSION} = {@value #FUNCTION}: the names the template's alarms and dashboard refer
 * to, so that a check can hold them against this list. docs/DEPLOY.md ("Logs and metrics") says what each means.
 */
public final class InvalidatorMetrics {
    /** The value of the Function dimension on every line of this function. */
    public static final String FUNCTION = "invalidator";

    /** Count: link paths CloudFront accepted to invalidate (past 1,000 a month, each is charged). */
    public static final String PATHS_INVALIDATED = "PathsInvalidated";
    /** Count: invalidations (batches of paths) CloudFront accepted. */
    public static final String INVALIDATION_BATCHES = "InvalidationBatches";
    /** Count: an attempt CloudFront refused for now (busy, throttling, 5xx, unreachable), retried after a wait. */
    public static final String INVALIDATION_RETRIES = "InvalidationRetries";
    /** Count: a run that ended without CloudFront accepting; the markers stay for Lambda's retry and the schedule. */
    public static final String INVALIDATION_FAILURES = "InvalidationFailures";

    public static final List<String> ALL = List.of(PATHS_INVALIDATED, INVALIDATION_BATCHES, INVALIDATION_RETRIES,
            INVALIDATION_FAILURES);

    private InvalidatorMetrics() {
    }
}
