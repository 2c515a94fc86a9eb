package dev.pinhole.images.cdn;

/**
 * The CDN did not accept an invalidation. {@link #retryable()} when trying again later can succeed: CloudFront is
 * busy ({@code TooManyInvalidationsInProgress}), throttling, failing (5xx) or unreachable. Otherwise (access denied,
 * no such distribution, a malformed batch) trying again cannot help, and only the operator can.
 */
public final class InvalidationFailure extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean retryable;

    /** @param status the HTTP status, or 0 when no answer came */
    public InvalidationFailure(int status, String code, String message, boolean retryable, Throwable cause) {
        super("CloudFront invalidation failed: " + (status == 0 ? "no answer" : status) + " " + code + ": " + message,
                cause);
        this.status = status;
        this.code = code;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
