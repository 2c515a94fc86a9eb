package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedSecretTest {
    private final SharedSecret secret = new SharedSecret("s3cr\u00e9t-42");

    @Test
    void theExactValue_isAccepted() {
        // Given the configured secret, including its non-ASCII letter / When it is presented / Then it passes
        assertTrue(secret.isPresentedBy("s3cr\u00e9t-42"));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "s3cr\u00e9t-4", "s3cr\u00e9t-42 ", "s3cr\u00e9t-420", "S3CR\u00c9T-42", "s3cret-42"})
    void anythingElse_isRefused_prefixesCaseAndLookalikesIncluded(String presented) {
        // Given a value that is close to the secret but not it / When it is presented / Then it fails
        assertFalse(secret.isPresentedBy(presented));
    }

    @Test
    void anAbsentHeader_isRefused() {
        // Given a request without the header / When it is checked / Then it fails, not throws
        assertFalse(secret.isPresentedBy(null));
    }
}
