package dev.pinhole.images.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.core.log.LogEvent;
import dev.pinhole.core.log.Telemetry;
import java.util.regex.Pattern;

/**
 * The image API's log lines: one per request, found by its request id, and on Lambda also the metric record
 * ({@link ImageApiMetrics}). What goes in is what this function decided (method, image name, state, error code);
 * never the delete token (nor its hash), the origin secret or anything else a caller sent in a header.
 */
final class ImageApiLog {
    /** HTTP methods are short upper-case words; anything else a caller made up is logged as "other". */
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,10}");

    private final Telemetry telemetry;

    ImageApiLog(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /**
     * The ids to find one request by: API Gateway's (the caller has it too, in the apigw-requestid header) and
     * Lambda's. Either may be absent: the local stack has no Lambda context.
     */
    record Ids(String api, String lambda) {
        static Ids of(APIGatewayV2HTTPEvent event, Context context) {
            String api = event == null || event.getRequestContext() == null ? null
                    : event.getRequestContext().getRequestId();
            return new Ids(api, context == null ? null : context.getAwsRequestId());
        }
    }

    void status(Ids ids, ApiRequest request, ImageStatus status) {
        line("status_answered", ids, request)
                .dimension(ImageApiMetrics.STATE, status.state())
                .count(ImageApiMetrics.STATUS_LOOKUPS)
                .emit();
    }

    void deleted(Ids ids, ApiRequest request) {
        line("image_deleted", ids, request).count(ImageApiMetrics.DELETES).emit();
    }

    void refused(Ids ids, ApiRequest request, ApiException refusal) {
        // The code, not the message, as for every line: a message may one day repeat what the caller sent.
        line("request_refused", ids, request)
                .dimension(ImageApiMetrics.ERROR_CODE, refusal.code())
                .field("status", refusal.status())
                .count(request.method().equals("DELETE") ? ImageApiMetrics.DELETES_REFUSED
                        : ImageApiMetrics.REQUESTS_REFUSED)
                .emit();
    }

    /** A fault of ours: the exception whole, for the operator; the caller is told nothing of it. */
    void internalError(Ids ids, ApiRequest request, RuntimeException fault) {
        line("internal_error", ids, request).error(fault).count(ImageApiMetrics.INTERNAL_ERRORS).emit();
    }

    private LogEvent line(String name, Ids ids, ApiRequest request) {
        // "requestId" is always the id to search for: API Gateway's for an API call, else Lambda's.
        String path = request.path();
        String image = path.startsWith(ImageRoutes.PREFIX)
                ? ImageKey.parseName(path.substring(ImageRoutes.PREFIX.length())).map(ImageKey::name).orElse(null)
                : null;
        return telemetry.event(name)
                .requestId(ids.api() != null ? ids.api() : ids.lambda())
                .field("lambdaRequestId", ids.api() != null ? ids.lambda() : null)
                .field("method", METHOD.matcher(request.method()).matches() ? request.method() : "other")
                .field("image", image);
    }
}
