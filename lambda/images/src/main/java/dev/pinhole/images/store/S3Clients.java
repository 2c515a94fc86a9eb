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
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

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
        return builder(config, credentials).build();
    }

    /** The functions' client settings, for a caller (a test) that adds to them. */
    public static S3ClientBuilder builder(StoreConfig config, AwsCredentialsProvider credentials) {
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
                // No "Expect: 100-continue" on PUTs: over the JDK's HttpURLConnection the first attempt of a PUT
                // then failed now and then after the store had written it, and the SDK's retry of a conditional
                // PUT answered 412. The publisher looks before it writes, so the saving 100-continue offers on a
                // refused PUT does not arise.
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build())
                .forcePathStyle(config.pathStyleAccess());
        config.s3Endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }
}
