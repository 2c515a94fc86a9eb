package dev.pinhole.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * EXPERIMENT, not used by Pinhole: the same presigned PUT made with the SDK's SigV4 signer alone, without
 * S3Presigner's endpoint rules, auth-scheme resolution, interceptors and marshaller. It exists to measure
 * how much of a warm ticket and of a cold start is S3Presigner machinery rather than signing, which is
 * the size of the prize should the architecture ever allow signing directly (it asks for S3Presigner).
 * Virtual-hosted https endpoint of a DNS-compatible bucket in a standard region only.
 */
final class DirectSigV4 {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String host;
    private final String region;
    private final AwsCredentialsIdentity credentials;
    private final Duration lifetime;

    DirectSigV4(String bucket, String region, AwsCredentialsIdentity credentials, Duration lifetime) {
        // Like the SDK: us-east-1 keeps S3's global host name.
        this.host = bucket + ("us-east-1".equals(region) ? ".s3.amazonaws.com" : ".s3." + region + ".amazonaws.com");
        this.region = region;
        this.credentials = credentials;
        this.lifetime = lifetime;
    }

    URI presignPut(String key, String contentType, long size, Clock clock) {
        SdkHttpRequest put = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol("https")
                .host(host)
                .encodedPath("/" + key)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(size))
                .putHeader("If-None-Match", "*")
                .build();
        return SIGNER.sign(request -> request
                        .identity(credentials)
                        .request(put)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, lifetime)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false))
                .request().getUri();
    }
}
