package dev.pinhole.core;

/**
 * The catalogue of every error the Pinhole API and the local stack answer with: a stable code, which is
 * what clients key on (the page's wording in web/js/errors.js, scripts/upload.sh), and the HTTP status
 * it always goes with. The message beside it is free text for people and may change.
 *
 * <p>One place, so that a code cannot be spelled two ways or sent with two statuses, and so that the
 * page's tests can check it has words for every code there is (webtest's ErrorWordingTest reads this
 * enum). Add a code here before any function throws it.
 */
public enum ErrorCode {
    // The request as a whole
    MISSING_BODY("missing_body", 400),
    INVALID_BODY("invalid_body", 400),
    BODY_TOO_LARGE("body_too_large", 413),
    INVALID_JSON("invalid_json", 400),
    MISSING_FIELD("missing_field", 400),
    UNKNOWN_FIELD("unknown_field", 400),
    DUPLICATE_FIELD("duplicate_field", 400),
    INVALID_FIELD("invalid_field", 400),

    // The upload policy
    UNSUPPORTED_EXTENSION("unsupported_extension", 415),
    INVALID_SIZE("invalid_size", 400),
    TOO_LARGE("too_large", 413),
    INVALID_SHA256("invalid_sha256", 400),
    INVALID_LIFETIME("invalid_lifetime", 400),

    // Who may ask, and through which door
    UNAUTHORIZED("unauthorized", 401),
    ORIGIN_NOT_ALLOWED("origin_not_allowed", 403),
    USE_THE_SITE("use_the_site", 403),
    BAD_VIEWER_HOST("bad_viewer_host", 400),

    // Paths and methods (the API's routes, and the local stack's page and image links)
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    RANGE_NOT_SATISFIABLE("range_not_satisfiable", 416),

    // Taking an image back
    DELETE_TOKEN_INVALID("delete_token_invalid", 403),
    GONE("gone", 410),

    // A fault of ours, never of the caller's input
    INTERNAL_ERROR("internal_error", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The machine-readable code, as it appears in {"error":{"code":...}}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
