package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * An optional shared secret for private deployments: when set, ticket requests must carry it in the
 * {@value #HEADER} header. Compared in constant time so the response time leaks nothing about it.
 */
final class UploadToken {
    static final String HEADER = "x-pinhole-token";

    private final Optional<byte[]> expected;

    UploadToken(Optional<String> token) {
        this.expected = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    void check(String presented) {
        if (expected.isEmpty()) {
            return;
        }
        byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.get(), given)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, presented == null
                    ? "This Pinhole requires an upload token in the " + HEADER + " header."
                    : "The upload token in the " + HEADER + " header is wrong.");
        }
    }
}
