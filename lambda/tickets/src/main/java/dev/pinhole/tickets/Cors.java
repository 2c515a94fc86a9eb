package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * CORS for the API, off unless origins are configured. The page is normally served from the same origin
 * as the API, so the safe default is to grant no other site the right to read ticket responses.
 */
final class Cors {
    static final String ALLOWED_REQUEST_HEADERS = "content-type, " + UploadToken.HEADER;

    private final List<String> allowedOrigins;

    Cors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** Headers to add to any API response for a request from {@code origin} (may be null). */
    void addResponseHeaders(String origin, Map<String, String> headers) {
        if (!enabled()) {
            return;
        }
        // The answer depends on Origin, so caches must not share it between origins.
        headers.put("vary", "origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            headers.put("access-control-allow-origin", origin);
        }
    }

    /** The answer to a preflight; refuses origins that are not listed. */
    Map<String, String> preflightHeaders(String origin, String allowedMethods) {
        if (!enabled() || origin == null || !allowedOrigins.contains(origin)) {
            throw new ApiException(ErrorCode.ORIGIN_NOT_ALLOWED, "This API does not accept requests from that site.");
        }
        return Map.of(
                "access-control-allow-methods", allowedMethods,
                "access-control-allow-headers", ALLOWED_REQUEST_HEADERS,
                "access-control-max-age", "600");
    }
}
