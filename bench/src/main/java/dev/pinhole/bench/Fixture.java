package dev.pinhole.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import dev.pinhole.tickets.signing.UploadSigner;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * What a warm Lambda holds: the handler built by its no-arg constructor from the environment (as the
 * runtime builds it), and for the bare presign, a presigner built the same way. bench/run-jmh.sh sets
 * the environment (a fake bucket and fake credentials: presigning is local computation).
 */
@State(Scope.Benchmark)
public class Fixture {
    static final String REQUEST = "{\"extension\":\"png\",\"size\":48213}";
    /** What API Gateway passes on from a browser's fetch: lower-cased names, no upload token. */
    static final Map<String, String> BROWSER_HEADERS = Map.ofEntries(
            Map.entry("accept", "*/*"),
            Map.entry("accept-encoding", "gzip, deflate, br, zstd"),
            Map.entry("accept-language", "en-GB,en;q=0.9"),
            Map.entry("content-length", "33"),
            Map.entry("content-type", "application/json"),
            Map.entry("host", "abc123.execute-api.eu-west-1.amazonaws.com"),
            Map.entry("origin", "https://img.example.com"),
            Map.entry("referer", "https://img.example.com/"),
            Map.entry("sec-fetch-dest", "empty"),
            Map.entry("sec-fetch-mode", "cors"),
            Map.entry("sec-fetch-site", "same-origin"),
            Map.entry("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142 Safari/537.36"),
            Map.entry("x-amzn-trace-id", "Root=1-6743a9b2-0123456789abcdef01234567"),
            Map.entry("x-forwarded-for", "203.0.113.7"),
            Map.entry("x-forwarded-port", "443"),
            Map.entry("x-forwarded-proto", "https"));
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    TicketHandler handler;
    APIGatewayV2HTTPEvent event;
    UploadSigner signer;
    S3Presigner sdkPresigner;
    String bucket;

    @Setup
    public void setUp() {
        if (System.getenv(TicketConfig.BUCKET) == null || System.getenv("AWS_ACCESS_KEY_ID") == null) {
            throw new IllegalStateException("run the benchmarks through bench/run-jmh.sh, which sets "
                    + TicketConfig.BUCKET + ", AWS_REGION, credentials and the other variables");
        }
        TicketConfig config = TicketConfig.fromEnvironment(System.getenv());
        handler = new TicketHandler();
        event = uploadEvent(REQUEST);
        signer = UploadSigner.create(config.bucket(), config.region(), config.s3Endpoint(), config.pathStyleAccess(),
                EnvironmentVariableCredentialsProvider.create());
        // What Pinhole used before UploadSigner, set up as it was: every switch explicit (no file look-ups).
        sdkPresigner = S3Presigner.builder().region(Region.of(config.region()))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .dualstackEnabled(false).fipsEnabled(false)
                .serviceConfiguration(S3Configuration.builder().useArnRegionEnabled(false).multiRegionEnabled(false)
                        .chunkedEncodingEnabled(false).build())
                .build();
        bucket = config.bucket();
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        if (first.getStatusCode() != 201) {
            throw new IllegalStateException("the handler refused the benchmark request: " + first.getBody());
        }
    }

    APIGatewayV2HTTPResponse ticket() {
        return handler.handleRequest(event, null);
    }

    /** The presign alone, as the handler makes it: signed type, length and If-None-Match. */
    UploadSigner.PresignedPut presign() {
        return signer.presignPut("i/AAAAAAAAAAAAAAAAAAAAAA.png", 48213L,
                Map.of("content-type", "image/png", "if-none-match", "*"), LIFETIME);
    }

    /** For comparison: the same PUT through the SDK's S3Presigner, which Pinhole used before UploadSigner. */
    PresignedPutObjectRequest presignWithS3Presigner() {
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key("i/AAAAAAAAAAAAAAAAAAAAAA.png")
                .contentType("image/png")
                .contentLength(48213L)
                .ifNoneMatch("*")
                .build();
        return sdkPresigner.presignPutObject(request -> request.signatureDuration(LIFETIME).putObjectRequest(put));
    }

    /** POST /api/uploads as API Gateway (HTTP API, payload 2.0) delivers it. */
    static APIGatewayV2HTTPEvent uploadEvent(String json) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath("/api/uploads")
                .withHeaders(BROWSER_HEADERS)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/api/uploads").build())
                        .build())
                .withBody(json)
                .withIsBase64Encoded(false)
                .build();
    }
}
