package dev.pinhole.images.format;

/**
 * An upload that will not be published, with its reason. {@code detail} says what exactly was wrong
 * (for logs and tests, e.g. "IHDR declares 100000 x 100000"); it never contains image bytes.
 */
public final class Refusal extends RuntimeException {
    private final RefusalReason reason;

    public Refusal(RefusalReason reason, String detail) {
        // No stack trace: refusals are expected outcomes of hostile input and can be frequent.
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
