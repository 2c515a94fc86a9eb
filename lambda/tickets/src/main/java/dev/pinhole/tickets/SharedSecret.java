package dev.pinhole.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret a request proves it knows by sending it in a header: the upload token of a private
 * deployment, the origin secret CloudFront adds. Compared in constant time, so the response time says
 * nothing about how much of a guess was right.
 */
final class SharedSecret {
    private final byte[] expected;

    SharedSecret(String value) {
        this.expected = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the header's value is the secret; an absent header never is. */
    boolean isPresentedBy(String headerValue) {
        byte[] given = headerValue == null ? new byte[0] : headerValue.getBytes(StandardCharsets.UTF_8);
        // The expected value goes first: isEqual's time depends only on its first argument's length.
        return MessageDigest.isEqual(expected, given);
    }
}
