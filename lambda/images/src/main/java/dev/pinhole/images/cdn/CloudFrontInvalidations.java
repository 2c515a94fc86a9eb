package dev.pinhole.images.cdn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * CloudFront's CreateInvalidation, as one hand-built REST call: {@code POST /2020-05-31/distribution/<id>/invalidation}
 * with an XML {@code InvalidationBatch}, signed with the SDK's own SigV4 signer (service {@code cloudfront}, region
 * {@code us-east-1}: CloudFront is global and signs there) and sent with the url-connection client the S3 client
 * already uses. Not the CloudFront SDK module: it is 5.6 MB, and the image functions' jar has a 10 MiB budget for
 * one call.
 */
public final class CloudFrontInvalidations implements Invalidations {
    public static final URI ENDPOINT = URI.create("https://cloudfront.amazonaws.com");
    static final String SERVICE = "cloudfront";
    static final String REGION = "us-east-1";
    /** Codes that mean "busy, later": in-progress limit (3,000 paths), and throttling of the API itself. */
    private static final Set<String> BUSY = Set.of("TooManyInvalidationsInProgress", "Throttling",
            "ThrottlingException", "RequestLimitExceeded", "ServiceUnavailable");
    /** Enough for any error document; an invalidation's answer echoes the paths (3,000 x ~40 bytes). */
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private final URI invalidationUri;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public CloudFrontInvalidations(URI endpoint, String distributionId, AwsCredentialsProvider credentials,
                                   SdkHttpClient http) {
        this.invalidationUri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/2020-05-31/distribution/"
                + distributionId + "/invalidation");
        this.credentials = credentials;
        this.http = http;
    }

    /** The function's: its configuration, the runtime's credentials, a client with the S3 client's timeouts. */
    public static CloudFrontInvalidations create(InvalidationConfig config, AwsCredentialsProvider credentials) {
        return new CloudFrontInvalidations(config.cloudFrontEndpoint(), config.distributionId(), credentials,
                UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)).build());
    }

    @Override
    public String send(List<String> paths, String callerReference) {
        byte[] body = InvalidationXml.batch(paths, callerReference).getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(invalidationUri)
                .putHeader("Content-Type", "text/xml").putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = signer.sign(sign -> sign.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION));
        int status;
        byte[] answer;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            status = response.httpResponse().statusCode();
            answer = read(response);
        } catch (IOException | UncheckedIOException unreachable) {
            throw new InvalidationFailure(0, unreachable.getClass().getSimpleName(), String.valueOf(
                    unreachable.getMessage()), true, unreachable);
        }
        Map<String, String> parts = InvalidationXml.read(answer);
        if (status / 100 == 2) {
            return parts.getOrDefault("Id", "?");
        }
        String code = parts.getOrDefault("Code", "HTTP " + status);
        throw new InvalidationFailure(status, code, parts.getOrDefault("Message", ""),
                status >= 500 || BUSY.contains(code), null);
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = response.responseBody().get()) {
            return in.readNBytes(MAX_ANSWER_BYTES);
        }
    }
}
