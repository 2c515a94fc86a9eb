package dev.pinhole.tickets.signing;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * Where the Lambda runtime hands the function its role's credentials. Normally that is the key variables;
 * a SnapStart function gets none, because a snapshot must not carry credentials into every copy restored
 * from it. There the runtime serves them on a local endpoint named by {@value #CONTAINER_ENDPOINT}, read
 * with the JDK's own HttpURLConnection (no SDK HTTP client is shipped).
 */
public final class LambdaCredentials {
    static final String CONTAINER_ENDPOINT = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private LambdaCredentials() {
    }

    public static AwsCredentialsProvider from(Map<String, String> environment) {
        String endpoint = environment.get(CONTAINER_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            // Fetched on first use, after a restore, and refreshed before they expire.
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
