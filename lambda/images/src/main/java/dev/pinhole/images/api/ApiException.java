package dev.pinhole.images.api;

import java.util.Map;

/**
 * The one error a request to the image API can end in: HTTP status, a stable code, a message for people.
 * {@link ImageApiHandler} is the only place that turns it into a response.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    private ApiException(int status, String code, String message, Map<String, String> headers) {
        // No stack trace: expected outcomes of bad requests, not faults.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    static ApiException notFound() {
        return new ApiException(404, "not_found", "There is no image by that name: it was never uploaded, "
                + "or its upload expired before it was sent.");
    }

    static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "method_not_allowed",
                "This path does not accept " + (method.isEmpty() ? "that method" : method) + "; use " + allowed + ".",
                Map.of("allow", allowed));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
