package dev.pinhole.tickets;

import java.util.Map;

/**
 * The one error a request can end in. It carries the HTTP status and a stable, machine-readable code;
 * {@link TicketHandler} is the only place that turns it into a response.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    private ApiException(int status, String code, String message, Map<String, String> headers) {
        // No stack trace: these are expected outcomes of bad input, not faults, and they are frequent
        // under abuse. Skipping fillInStackTrace keeps refusals as cheap as tickets.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "method_not_allowed",
                "This path does not accept " + (method.isEmpty() ? "that method" : method) + "; use " + allowed + ".",
                Map.of("allow", allowed));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra response headers the refusal needs, such as Allow on a 405. */
    Map<String, String> headers() {
        return headers;
    }
}
