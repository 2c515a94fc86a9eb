package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.config;
import static dev.pinhole.tickets.TicketTesting.postUploads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.pinhole.tickets.signing.UploadSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A fault of ours (here forced at the signer's credentials seam) is a plain 500 that reveals nothing internal
 * to the caller, and everything the operator needs to the log.
 */
class SignerFailureTest {

    /** A signer that fails as it does when the runtime's credentials cannot be loaded. */
    private static UploadSigner failingSigner() {
        AwsCredentialsProvider failing = mock(AwsCredentialsProvider.class);
        when(failing.resolveCredentials()).thenThrow(SdkClientException.create(
                "Unable to load credentials from AKIDSECRET at /var/task/internal/path"));
        return TicketHandler.signer(config(Map.of()), failing);
    }

    @Test
    void handler_answers500WithoutInternalDetailsWhenSignerFails() {
        // Given a handler whose signer fails
        TicketHandler handler = new TicketHandler(config(Map.of()), failingSigner());

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
    void handler_logsTheFaultWhole_withTheRequestIds_asOneLambdaLogEntry() {
        // Given a handler whose signer fails, and a request as API Gateway and Lambda deliver it
        TicketHandler handler = new TicketHandler(config(Map.of()), failingSigner());
        APIGatewayV2HTTPEvent event = postUploads("{\"extension\":\"png\",\"size\":1}");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("Ab1cDefGhIjKlM=")
                .withHttp(event.getRequestContext().getHttp()).build());
        RecordingContext context = new RecordingContext("8f5e2c3a-0b1d-4e6f-9a7b-1c2d3e4f5a6b");

        // When the request fails on our side
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

        // Then the caller still gets the bare 500, and the operator one ERROR entry with both ids and the stack
        assertError(response, 500, "internal_error");
        assertEquals(1, context.entries.size(), () -> "log entries: " + context.entries);
        String entry = context.entries.get(0);
        assertTrue(entry.startsWith("ERROR pinhole: internal error in request Ab1cDefGhIjKlM= "
                + "(Lambda request 8f5e2c3a-0b1d-4e6f-9a7b-1c2d3e4f5a6b): "), entry);
        assertTrue(entry.contains(SdkClientException.class.getName() + ": Unable to load credentials"), entry);
        assertTrue(entry.contains("\tat dev.pinhole.tickets.signing.UploadSigner.presignPut("), entry);
    }

    @Test
    void handler_refusesBadInputBeforeReachingAFailingSigner() {
        // Given a handler whose signer would fail if it were asked
        TicketHandler handler = new TicketHandler(config(Map.of()), failingSigner());

        // When a request the policy refuses arrives
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                postUploads("{\"extension\":\"svg\",\"size\":1}"), null);

        // Then it is the caller's 4xx, never a 5xx
        assertError(response, 415, "unsupported_extension");
    }

    /** A Lambda context whose logger keeps what it is given, prefixed with the level. */
    private static final class RecordingContext implements Context {
        final List<String> entries = new ArrayList<>();
        private final String requestId;

        RecordingContext(String requestId) {
            this.requestId = requestId;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    entries.add(message);
                }

                @Override
                public void log(byte[] message) {
                    entries.add(new String(message, StandardCharsets.UTF_8));
                }

                @Override
                public void log(String message, LogLevel level) {
                    entries.add(level + " " + message);
                }
            };
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/pinhole-tickets";
        }

        @Override
        public String getLogStreamName() {
            return "2026/01/01/[$LATEST]0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "pinhole-tickets";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:000000000000:function:pinhole-tickets";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }
    }
}
