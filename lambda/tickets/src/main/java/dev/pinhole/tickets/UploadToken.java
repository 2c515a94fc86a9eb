package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import java.util.Optional;

/**
 * An optional shared secret for private deployments: when set, ticket requests must carry it in the
 * {@value #HEADER} header.
 */
final class UploadToken {
    static final String HEADER = "x-pinhole-token";

    private final Optional<SharedSecret> expected;

    UploadToken(Optional<String> token) {
        this.expected = token.map(SharedSecret::new);
    }

    void check(String presented) {
        if (expected.isEmpty()) {
            return;
        }
        if (!expected.get().isPresentedBy(presented)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, presented == null
                    ? "This Pinhole requires an upload token in the " + HEADER + " header."
                    : "The upload token in the " + HEADER + " header is wrong.");
        }
    }
}
