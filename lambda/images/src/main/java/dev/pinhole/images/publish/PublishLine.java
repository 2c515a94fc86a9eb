package dev.pinhole.images.publish;

import dev.pinhole.core.log.LogEvent;
import dev.pinhole.core.log.MetricUnit;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.RefusalReason;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one log line of one upload, filled in as the publisher decides and written when it is done: what the image
 * is, or why it was refused, how it ended, and its metrics ({@link PublisherMetrics}). Names and numbers only, never
 * image bytes, nor anything from inside a file but a format's own detail, nor the delete token's hash.
 */
final class PublishLine {
    private final LogEvent event;
    private long acceptedBytes = -1;

    PublishLine(LogEvent event) {
        this.event = event;
    }

    void accepted(Inspection inspection, Cleaning cleaning) {
        acceptedBytes = cleaning.length();
        event.field("width", inspection.width()).field("height", inspection.height())
                .field("frames", inspection.frames())
                .field("removed", cleaning.removed().stream().map(MetadataKind::name).sorted()
                        .map(kind -> kind.toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")));
    }

    void refused(RefusalReason reason, String detail) {
        event.dimension(PublisherMetrics.REASON, reason.code()).field("detail", detail);
    }

    /** A format threw something other than a Refusal: a bug to fix, so the line carries its stack trace. */
    void formatBug(ImageFormat format, Throwable bug) {
        event.error(bug).field("format", format.getClass().getName()).count(PublisherMetrics.FORMAT_BUGS);
    }

    /** Writes the line; {@code took} is the publisher's time on the upload. */
    void finished(Outcome outcome, Duration took) {
        event.field("outcome", outcome.name().toLowerCase(Locale.ROOT));
        switch (outcome) {
            case PUBLISHED -> event.count(PublisherMetrics.UPLOADS_PUBLISHED)
                    .metric(PublisherMetrics.BYTES_PUBLISHED, MetricUnit.BYTES, acceptedBytes)
                    .metric(PublisherMetrics.PUBLISH_LATENCY, MetricUnit.MILLISECONDS, took.toNanos() / 1e6);
            case REFUSED -> event.count(PublisherMetrics.UPLOADS_REFUSED);
            case WITHDRAWN -> event.count(PublisherMetrics.UPLOADS_WITHDRAWN);
            default -> {
                // a repeat of work done before (a duplicate event, a replayed ticket): counted the first time
            }
        }
        event.emit();
    }

    /** S3 failed: the line says so with the exception, and the invocation fails for Lambda to retry. */
    void failed(RuntimeException failure) {
        event.field("outcome", "failed").error(failure).count(PublisherMetrics.PUBLISH_FAILURES).emit();
    }
}
