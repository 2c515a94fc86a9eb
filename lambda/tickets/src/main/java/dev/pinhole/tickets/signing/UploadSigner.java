package dev.pinhole.tickets.signing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Presigns S3 PUTs with the SDK's SigV4 signer, the signing core of S3Presigner, without the rest of it.
 *
 * <p>Why not S3Presigner: for one kind of request to one bucket, its endpoint rules, auth-scheme
 * resolution, interceptors and XML marshaller were four fifths of a warm ticket and most of a cold start,
 * and its model classes most of the jar. The signature is the same: SignerEquivalenceTest compares
 * both, byte for byte, in every addressing style Pinhole uses.
 *
 * <p>This package knows S3 and SigV4 and nothing of tickets: it is told a bucket and how to reach it, and
 * signs what it is given. What a ticket pins is decided by the caller.
 */
public final class UploadSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final ObjectAddress address;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    UploadSigner(ObjectAddress address, String region, AwsCredentialsProvider credentials, Clock clock) {
        this.address = address;
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * The signer a runtime uses: built once, credentials resolved on each presign (they rotate).
     *
     * @param s3Endpoint an S3-compatible endpoint instead of AWS S3's regional one (the local stack, MinIO)
     */
    public static UploadSigner create(String bucket, String region, Optional<URI> s3Endpoint, boolean pathStyleAccess,
                                      AwsCredentialsProvider credentials) {
        return new UploadSigner(ObjectAddress.of(bucket, region, s3Endpoint, pathStyleAccess), region, credentials,
                Clock.systemUTC());
    }

    /**
     * A presigned PUT of {@code key} whose signature covers the host, Content-Length and every header given;
     * the client must send exactly those.
     */
    public PresignedPut presignPut(String key, long contentLength, Map<String, String> headers, Duration lifetime) {
        // SigV4 dates have whole seconds, so the URL really expires at a whole second.
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SdkHttpRequest.Builder put = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol(address.scheme())
                .host(address.host())
                .encodedPath(address.pathPrefix() + key)
                .putHeader("content-length", Long.toString(contentLength));
        if (address.port() > 0) {
            put.port(address.port());
        }
        headers.forEach(put::putHeader);
        SdkHttpRequest signed = SIGNER.sign(request -> request
                        .identity(credentials.resolveCredentials())
                        .request(put.build())
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, lifetime)
                        // S3 rules: the body is not part of a presigned signature, and paths are encoded once.
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false))
                .request();
        return new PresignedPut(signed.getUri().toString(), Collections.unmodifiableMap(new LinkedHashMap<>(headers)),
                signedAt.plus(lifetime));
    }

    /** A presigned PUT: the URL, the headers to send verbatim, and when the URL stops working. */
    public record PresignedPut(String url, Map<String, String> headers, Instant expiresAt) {
    }
}
