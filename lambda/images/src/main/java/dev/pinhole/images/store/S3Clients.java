package dev.pinhole.images.store;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the one S3 client a function keeps for its lifetime. */
public final class S3Clients {
    private S3Clients() {
    }

    /**
     * Lambda's credentials: environment variables on a plain start, the runtime's credentials endpoint where
     * SnapStart gives none. Not the SDK's default chain, which would also look for profile files and the
     * instance metadata service, costing cold-start time for nothing.
     */
    public static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    public static S3Client create(StoreConfig config, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                // Checksums only where S3 requires them: the SDK's default adds a CRC trailer in aws-chunked
                // encoding to every PUT, which S3-compatible stores (the local stack's S3Proxy) do not all read.
                // The bytes are checked against the ticket's SHA-256 on upload; TLS and SigV4 cover the rest.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(config.pathStyleAccess());
        config.s3Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
