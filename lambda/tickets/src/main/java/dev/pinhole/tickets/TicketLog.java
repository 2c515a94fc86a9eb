package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.Lifetime;
import dev.pinhole.core.log.LogEvent;
import dev.pinhole.core.log.Telemetry;
import java.util.regex.Pattern;

/**
 * The ticket function's log lines: one per request, found by its request id, and on Lambda also the metric record
 * ({@link TicketMetrics}). What goes in is what this function decided (route, status, error code, the image name
 * and size of a ticket); never what identifies or authorises a caller: not the request body, the upload token, the
 * origin secret, the delete token or the presigned URL, whose signature is a credential for its lifetime.
 */
final class TicketLog {
    /** HTTP methods are short upper-case words; anything else a caller made up is logged as "other". */
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,10}");

    private final Telemetry telemetry;

    TicketLog(Telemetry telemetry) {
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

    void issued(Ids ids, UploadTicket ticket) {
        line("ticket_issued", ids)
                .field("image", ticket.key().name())
                .field("size", ticket.upload().size())
                .field("lifetime", ticket.upload().lifetime().map(Lifetime::label).orElse(Lifetime.FOREVER))
                .count(TicketMetrics.TICKETS_ISSUED)
                .emit();
    }

    void answered(Ids ids, ApiRequest request, int status) {
        route(line("answered", ids), request).field("status", status).emit();
    }

    void refused(Ids ids, ApiRequest request, ApiException refusal) {
        // The code, not the message: some messages repeat what the caller sent.
        route(line("request_refused", ids), request)
                .dimension(TicketMetrics.ERROR_CODE, refusal.code())
                .field("status", refusal.status())
                .count(TicketMetrics.REQUESTS_REFUSED)
                .emit();
    }

    /** A fault of ours: the exception whole, for the operator; the caller is told nothing of it. */
    void internalError(Ids ids, ApiRequest request, RuntimeException fault) {
        route(line("internal_error", ids), request)
                .error(fault)
                .count(TicketMetrics.INTERNAL_ERRORS)
                .emit();
    }

    private LogEvent line(String name, Ids ids) {
        // "requestId" is always the id to search for: API Gateway's for an API call, else Lambda's.
        return telemetry.event(name)
                .requestId(ids.api() != null ? ids.api() : ids.lambda())
                .field("lambdaRequestId", ids.api() != null ? ids.lambda() : null);
    }

    private static LogEvent route(LogEvent line, ApiRequest request) {
        String path = request.path();
        boolean known = TicketHandler.UPLOADS.equals(path) || TicketHandler.LIMITS.equals(path);
        return line.field("method", METHOD.matcher(request.method()).matches() ? request.method() : "other")
                .field("route", known ? path : "other");
    }
}
