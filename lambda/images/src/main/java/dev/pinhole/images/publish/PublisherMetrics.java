package dev.pinhole.images.publish;

import dev.pinhole.core.log.Telemetry;
import java.util.List;

/**
 * The publisher's CloudWatch metrics, in namespace {@value Telemetry#NAMESPACE} with dimension
 * {@value Telemetry#FUNCTION_DIMENSION} = {@value #FUNCTION}: the names the template's alarms and dashboard refer
 * to, so that a check can hold them against this list. docs/DEPLOY.md ("Logs and metrics") says what each means.
 */
public final class PublisherMetrics {
    /** The value of the Function dimension on every line of this function. */
    public static final String FUNCTION = "publisher";

    /** Count: an upload checked, cleaned and written to its link. */
    public static final String UPLOADS_PUBLISHED = "UploadsPublished";
    /** Count: an upload refused (its refusal record written), also by {@link #REASON}. */
    public static final String UPLOADS_REFUSED = "UploadsRefused";
    /** Count: an image deleted while it was being published, so written and removed again. */
    public static final String UPLOADS_WITHDRAWN = "UploadsWithdrawn";
    /** Milliseconds: the publisher's time on one published upload, from reading it to deleting it. */
    public static final String PUBLISH_LATENCY = "PublishLatency";
    /** Bytes: the size of a published image, after cleaning. */
    public static final String BYTES_PUBLISHED = "BytesPublished";
    /** Count: a format threw something other than a refusal, a bug (the upload is refused as malformed). */
    public static final String FORMAT_BUGS = "FormatBugs";
    /** Count: S3 failed, the invocation is retried by Lambda and, in the end, goes to the failure destination. */
    public static final String PUBLISH_FAILURES = "PublishFailures";

    /** The dimension of {@link #UPLOADS_REFUSED}: the refusal reason's code (not_an_image, too_large, ...). */
    public static final String REASON = "Reason";

    public static final List<String> ALL = List.of(UPLOADS_PUBLISHED, UPLOADS_REFUSED, UPLOADS_WITHDRAWN,
            PUBLISH_LATENCY, BYTES_PUBLISHED, FORMAT_BUGS, PUBLISH_FAILURES);

    private PublisherMetrics() {
    }
}
