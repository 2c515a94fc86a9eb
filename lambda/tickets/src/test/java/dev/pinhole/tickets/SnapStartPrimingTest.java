package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    /** As SnapStart's init phase has it: configuration in the environment, no credentials there. */
    private static final TicketConfig CONFIG = TicketConfig.fromEnvironment(Map.of(
            TicketConfig.BUCKET, "pinhole-images",
            TicketConfig.REGION, "eu-west-1",
            TicketConfig.PUBLIC_BASE_URL, "https://img.example.com"));

    @Test
    void priming_issuesARealTicket_withoutCredentialsInTheEnvironment() {
        // Given priming registered for the runtime's configuration
        SnapStartPriming priming = SnapStartPriming.register(CONFIG);

        // When the checkpoint hook runs
        APIGatewayV2HTTPResponse response = priming.prime();

        // Then the whole request path ran, signed with the placeholder identity, never a real one
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("X-Amz-Credential=PRIMING%2F"), response.getBody());
    }

    @Test
    void priming_reachesTheSigner_alsoBehindCloudFront_whereLinksTakeTheirHostFromEachRequest() {
        // Given the production configuration without a custom domain: an origin secret, no fixed link base
        TicketConfig behindCloudFront = TicketConfig.fromEnvironment(Map.of(
                TicketConfig.BUCKET, "pinhole-images",
                TicketConfig.REGION, "eu-west-1",
                TicketConfig.ORIGIN_SECRET, "s3cr3t"));

        // When the checkpoint hook runs (its request carries no viewer host and no secret)
        APIGatewayV2HTTPResponse response = SnapStartPriming.register(behindCloudFront).prime();

        // Then it still issued a signed ticket instead of stopping at the host check
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("X-Amz-Signature="), response.getBody());
    }

    @Test
    void beforeCheckpoint_doesNotThrow() {
        SnapStartPriming.register(CONFIG).beforeCheckpoint(null);
    }
}
