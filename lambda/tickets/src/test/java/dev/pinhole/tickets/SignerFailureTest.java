package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.config;
import static dev.pinhole.tickets.TicketTesting.postUploads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.tickets.signing.UploadSigner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A fault of ours (here forced at the signer's credentials seam) is a plain 500 that reveals nothing internal
 * to the caller; what the operator's log gets is {@link TicketTelemetryTest}'s.
 */
class SignerFailureTest {

    /** A signer that fails as it does when the runtime's credentials cannot be loaded. */
    static UploadSigner failingSigner() {
        AwsCredentialsProvider failing = mock(AwsCredentialsProvider.class);
        when(failing.resolveCredentials()).thenThrow(SdkClientException.create(
                "Unable to load credentials from AKIDSECRET at /var/task/internal/path"));
        return TicketHandler.signer(config(Map.of()), failing);
    }

    @Test
    void handler_answers500WithoutInternalDetailsWhenSignerFails() {
        // Given a handler whose signer fails
        TicketHandler handler = new TicketHandler(config(Map.of()), failingSigner())
                .withTelemetry(TicketTesting.QUIET);

        // When a valid request arrives
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                postUploads("{\"extension\":\"png\",\"size\":1}"), null);

        // Then the caller gets a JSON 500 with a generic message and no exception details
        String message = assertError(response, 500, "internal_error");
        assertEquals("Something went wrong on our side.", message);
        for (String leak : new String[] {"AKIDSECRET", "/var/task", "SdkClientException", "Exception", "at dev."}) {
            assertFalse(response.getBody().contains(leak), response::getBody);
        }
        assertEquals("no-store", response.getHeaders().get("cache-control"));
    }

    @Test
    void handler_refusesBadInputBeforeReachingAFailingSigner() {
        // Given a handler whose signer would fail if it were asked
        TicketHandler handler = new TicketHandler(config(Map.of()), failingSigner())
                .withTelemetry(TicketTesting.QUIET);

        // When a request the policy refuses arrives
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                postUploads("{\"extension\":\"svg\",\"size\":1}"), null);

        // Then it is the caller's 4xx, never a 5xx
        assertError(response, 415, "unsupported_extension");
    }
}
