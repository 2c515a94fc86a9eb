package dev.pinhole.tickets.signing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

class LambdaCredentialsTest {
    @Test
    void snapStartFunction_readsTheRuntimesCredentialsEndpoint() {
        // Given the environment of a SnapStart function: an endpoint, no key variables
        Map<String, String> env = Map.of(LambdaCredentials.CONTAINER_ENDPOINT, "http://127.0.0.1:9001/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");

        // When the credentials source is chosen / Then it is the endpoint, not the (absent) variables
        assertInstanceOf(ContainerCredentialsProvider.class, LambdaCredentials.from(env));
    }

    @Test
    void ordinaryFunction_readsTheKeyVariables() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "secret",
                LambdaCredentials.CONTAINER_ENDPOINT, " ");

        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, LambdaCredentials.from(env));
    }
}
