package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.sun.net.httpserver.HttpServer;
import dev.pinhole.local.ApiGatewayBridge;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Both designs on one local stack, side by side: the same S3Proxy stores both designs' objects, and one
 * API server puts each design's function behind local/'s ApiGatewayBridge, with API Gateway's and Lambda's
 * payload limits. Every function is {@link Metered}. Uploads of each size alternate between the designs
 * (ABBA...), so that whatever else the machine does hits both alike.
 */
public final class CostComparison implements AutoCloseable {
    static final String TICKET = "ticket";
    static final String PUBLISHER = "publisher";
    static final String BASE64 = "base64 function";
    /** The first uploads of a new size pay for growing buffers and the OS's page cache; they are not kept. */
    static final int WARMUPS_PER_SIZE = 2;
    /** The warm-up uploads' image: a real one, so the publisher's warm path is the checking and cleaning. */
    static final int WARMUP_IMAGE_BYTES = 32 * 1024;
    private static final String TCP_NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String HTTP_KEEP_ALIVE = "http.keepAlive";

    private final LocalStack stack;
    private final HttpServer api;
    private final ExecutorService apiThreads;
    private final S3Client s3;
    private final SdkRetries retries;
    private final HttpClient http;
    private final Base64Upload baseline;
    private final PinholeUpload pinhole;

    private CostComparison(LocalStack stack, HttpServer api, ExecutorService apiThreads, S3Client s3,
                           SdkRetries retries, HttpClient http, Base64Upload baseline, PinholeUpload pinhole) {
        this.stack = stack;
        this.api = api;
        this.apiThreads = apiThreads;
        this.s3 = s3;
        this.retries = retries;
        this.http = http;
        this.baseline = baseline;
        this.pinhole = pinhole;
    }

    /** Starts the local stack on loopback with {@code dataDirectory} (throw-away), and the API server. */
    public static CostComparison start(Path dataDirectory) throws IOException {
        // As LocalStack does: without it the JDK server holds each answer ~40 ms for the client's delayed ACK.
        System.setProperty(TCP_NO_DELAY, "true");
        // S3Proxy's Jetty closes a connection idle for 1 s, but HttpURLConnection (the SDK's client here)
        // keeps them for 5 s and cannot resend a streamed PUT on one found closed: a new connection per
        // call instead, which costs a loopback connect (well under a millisecond).
        System.setProperty(HTTP_KEEP_ALIVE, "false");
        // The stack's own publisher gets every upload's event, as on AWS; the wrapper meters it, and its S3
        // client counts the requests it sends.
        AtomicReference<Metered<S3Event, Void>> publisher = new AtomicReference<>();
        S3Calls publisherS3 = new S3Calls();
        LocalStack stack = LocalStack.start(LocalSettings.forTests(dataDirectory), Map.of(),
                LocalOptions.DEFAULT.withPublisherS3(publisherS3::counting).withPublisherWrapper(real -> {
                    publisher.set(new Metered<>(PUBLISHER, real));
                    return publisher.get();
                }));
        try {
            return onStack(stack, publisher.get(), publisherS3);
        } catch (IOException | RuntimeException failed) {
            stack.close();
            throw failed;
        }
    }

    private static CostComparison onStack(LocalStack stack, Metered<S3Event, Void> publish, S3Calls publisherS3)
            throws IOException {
        TicketConfig config = stack.ticketConfig();
        AwsCredentialsProvider credentials = stack.s3CredentialsProvider();
        SdkRetries retries = new SdkRetries();
        S3Client s3 = s3Client(stack.s3Endpoint(), config.region(), credentials, retries);
        var ticket = new Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>(TICKET,
                new TicketHandler(config, credentials));
        S3Calls baselineS3 = new S3Calls();
        var base64 = new Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>(BASE64,
                new Base64BaselineHandler(baselineS3.counting(s3), stack.bucket()));

        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        api.createContext("/api/", new ApiGatewayBridge(ticket));
        api.createContext("/baseline/", new ApiGatewayBridge(base64));
        ExecutorService apiThreads = Executors.newFixedThreadPool(4);
        api.setExecutor(apiThreads);
        api.start();
        URI apiBase = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new CostComparison(stack, api, apiThreads, s3, retries, http, new Base64Upload(http, apiBase, base64, baselineS3),
                new PinholeUpload(http, apiBase, ticket, publish, publisherS3, stack::eventsPending));
    }

    /**
     * The SDK client a Java function on Lambda would build once: the JDK's HTTP client, path-style for
     * S3Proxy. Checksums only where S3 requires them, as the classic Go function (SDK v1) sent none. The
     * SDK's usual retries, counted by {@code retries} so the report can say how many there were.
     */
    private static S3Client s3Client(URI endpoint, String region, AwsCredentialsProvider credentials,
                                     SdkRetries retries) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(override -> override.addExecutionInterceptor(retries))
                .build();
    }

    /**
     * First {@code warmupUploads} small uploads per design, not kept: a warm Lambda environment has served
     * many requests, and until the JIT has compiled the handlers' and the SDK's many small methods a call
     * runs interpreted, several times slower. Then for each size, {@value #WARMUPS_PER_SIZE} uploads per
     * design that are not kept either, and {@code runs} that are, alternating which design goes first (ABBA).
     * Both designs upload the same image: a real JPEG of exactly the size, with a phone's metadata
     * ({@link PhoneJpegs}), which Pinhole's publisher checks and cleans and the baseline stores as it is.
     */
    public List<SizeResult> run(List<Integer> imageSizes, int warmupUploads, int runs)
            throws IOException, InterruptedException {
        byte[] small = PhoneJpegs.ofSize(WARMUP_IMAGE_BYTES, WARMUP_IMAGE_BYTES);
        for (int i = 0; i < warmupUploads; i++) {
            baseline.upload(small);
            pinhole.upload(small);
        }
        List<SizeResult> results = new ArrayList<>();
        for (int size : imageSizes) {
            byte[] image = PhoneJpegs.ofSize(size, size);
            for (int i = 0; i < WARMUPS_PER_SIZE; i++) {
                baseline.upload(image);
                pinhole.upload(image);
            }
            List<Attempt> baselineAttempts = new ArrayList<>();
            List<Attempt> pinholeAttempts = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                boolean baselineFirst = i % 4 == 0 || i % 4 == 3;
                if (baselineFirst) {
                    baselineAttempts.add(baseline.upload(image));
                }
                pinholeAttempts.add(pinhole.upload(image));
                if (!baselineFirst) {
                    baselineAttempts.add(baseline.upload(image));
                }
            }
            results.add(new SizeResult(size, List.of(
                    Figures.of(baseline, size, baselineAttempts), Figures.of(pinhole, size, pinholeAttempts))));
        }
        return results;
    }

    /** The largest image each design takes through the bridge's limits, found by trying. */
    public Limits probeLimits() throws IOException, InterruptedException {
        return new Limits(LimitProbe.largestStored(baseline, 1 << 20, 10 << 20), LimitProbe.pinholeMaximum(http,
                URI.create("http://127.0.0.1:" + api.getAddress().getPort()), pinhole));
    }

    /** How many S3 calls of the functions the SDK had to send again, so far. */
    public long s3Retries() {
        return retries.retries();
    }

    @Override
    public void close() {
        api.stop(0);
        apiThreads.shutdownNow();
        s3.close();
        stack.close();
    }
}
