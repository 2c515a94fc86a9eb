package dev.pinhole.images.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.core.log.LogEvent;
import dev.pinhole.core.log.RequestIds;
import dev.pinhole.core.log.Telemetry;

/**
 * The image API's log lines: one per request, found by its request id, and on Lambda also the metric record
 * ({@link ImageApiMetrics}). What goes in is what this function decided (method, image name, state, error code);
 * never the delete token (nor its hash), the origin secret or anything else a caller sent in a header.
 */
final class ImageApiLog {
    private final Telemetry telemetry;

    ImageApiLog(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** The ids of one request, from the event (API Gateway's) and the context (Lambda's). */
    static RequestIds ids(APIGatewayV2HTTPEvent event, Context context) {
        String api = event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId();
        return new RequestIds(api, context == null ? null : context.getAwsRequestId());
    }

    void status(RequestIds ids, ApiRequest request, ImageStatus status) {
        line("status_answered", ids, request)
                .dimension(ImageApiMetrics.STATE, status.state())
                .count(ImageApiMetrics.STATUS_LOOKUPS)
                .emit();
    }

    void deleted(RequestIds ids, ApiRequest request) {
        line("image_deleted", ids, request).count(ImageApiMetrics.DELETES).emit();
    }

    void refused(RequestIds ids, ApiRequest request, ApiException refusal) {
        // The code, not the message, as for every line: a message may one day repeat what the caller sent.
        line("request_refused", ids, request)
                .dimension(ImageApiMetrics.ERROR_CODE, refusal.code())
                .field("status", refusal.status())
                .count(request.method().equals("DELETE") ? ImageApiMetrics.DELETES_REFUSED
                        : ImageApiMetrics.REQUESTS_REFUSED)
                .emit();
    }

    /** A fault of ours: the exception whole, for the operator; the caller is told nothing of it. */
    void internalError(RequestIds ids, ApiRequest request, RuntimeException fault) {
        line("internal_error", ids, request).error(fault).count(ImageApiMetrics.INTERNAL_ERRORS).emit();
    }

    private LogEvent line(String name, RequestIds ids, ApiRequest request) {
        String path = request.path();
        String image = path.startsWith(ImageRoutes.PREFIX)
                ? ImageKey.parseName(path.substring(ImageRoutes.PREFIX.length())).map(ImageKey::name).orElse(null)
                : null;
        return telemetry.event(name)
                .requestIds(ids)
                .method(request.method())
                .field("image", image);
    }
}
