package dev.pinhole.core;

import java.util.Map;

/**
 * The one error a request can end in. It carries an entry of the {@link ErrorCode} catalogue (code and
 * HTTP status) and a message for people; each function's handler is the only place that turns it into
 * a response, with {@link ErrorJson}.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final Map<String, String> headers;

    public ApiException(ErrorCode error, String message) {
        this(error, message, Map.of());
    }

    private ApiException(ErrorCode error, String message, Map<String, String> headers) {
        // No stack trace: these are expected outcomes of bad input, not faults, and they are frequent
        // under abuse. Skipping fillInStackTrace keeps refusals as cheap as tickets.
        super(message, null, false, false);
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    /** A 405 that names the method refused and, in its message and Allow header, the ones accepted. */
    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                "This path does not accept " + (method.isEmpty() ? "that method" : method) + "; use " + allowed + ".",
                Map.of("allow", allowed));
    }

    public ErrorCode error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public String code() {
        return error.code();
    }

    /** Extra response headers the refusal needs, such as Allow on a 405. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The response body: the API's error shape with this code and message. */
    public String json() {
        return ErrorJson.of(error, getMessage());
    }
}
