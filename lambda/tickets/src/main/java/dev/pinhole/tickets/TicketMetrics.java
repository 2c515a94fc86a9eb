package dev.pinhole.tickets;

import dev.pinhole.core.log.Telemetry;
import java.util.List;

/**
 * The ticket function's CloudWatch metrics, in namespace {@value Telemetry#NAMESPACE} with dimension
 * {@value Telemetry#FUNCTION_DIMENSION} = {@value #FUNCTION}: the names the template's alarms and dashboard refer
 * to, so that a check can hold them against this list. docs/DEPLOY.md ("Logs and metrics") says what each means.
 */
public final class TicketMetrics {
    /** The value of the Function dimension on every line of this function. */
    public static final String FUNCTION = "tickets";

    /** Count: a 201 with an upload ticket. */
    public static final String TICKETS_ISSUED = "TicketsIssued";
    /** Count: a 4xx answer, also by {@link #ERROR_CODE} (too_large, unauthorized, use_the_site, ...). */
    public static final String REQUESTS_REFUSED = "RequestsRefused";
    /** Count: a 500, our fault; its line carries the exception with its stack. */
    public static final String INTERNAL_ERRORS = "InternalErrors";

    /** The dimension of {@link #REQUESTS_REFUSED}: the error code of core's ErrorCode catalogue. */
    public static final String ERROR_CODE = "ErrorCode";

    public static final List<String> ALL = List.of(TICKETS_ISSUED, REQUESTS_REFUSED, INTERNAL_ERRORS);

    private TicketMetrics() {
    }
}
