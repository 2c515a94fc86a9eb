package dev.pinhole.local;

import com.sun.net.httpserver.HttpServer;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Pinhole on one machine: S3Proxy stands in for S3, and one HTTP server stands in for CloudFront
 * (the page at /, links at /i/*) and API Gateway (/api/*, handled by the production handler).
 */
public final class LocalStack implements AutoCloseable {
    static final String REGION = "us-east-1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalS3 s3;
    private final TicketConfig ticketConfig;
    private final LocalSettings settings;
    private final DataDirectory.S3Credentials credentials;

    private LocalStack(HttpServer server, ExecutorService executor, LocalS3 s3, TicketConfig ticketConfig,
                       LocalSettings settings, DataDirectory.S3Credentials credentials) {
        this.server = server;
        this.executor = executor;
        this.s3 = s3;
        this.ticketConfig = ticketConfig;
        this.settings = settings;
        this.credentials = credentials;
    }

    /**
     * Starts the stack. {@code environment} supplies the handler's own settings (size limit, allowed types,
     * token...) just as Lambda's environment would; the S3 and link settings are the stack's own.
     */
    public static LocalStack start(LocalSettings settings, Map<String, String> environment) {
        DataDirectory data = new DataDirectory(settings.dataDirectory(),
                notice -> System.err.println("pinhole: " + notice));
        var store = data.prepareStore(settings.bucket());
        DataDirectory.S3Credentials credentials = data.credentials();
        HttpServer server = bind(settings);
        String base = "http://" + settings.host() + ":" + server.getAddress().getPort();
        List<String> pageOrigins = List.of(base, "http://localhost:" + server.getAddress().getPort());
        LocalS3 s3 = null;
        try {
            s3 = LocalS3.start(settings.host(), settings.s3Port(), store, credentials, pageOrigins);
            s3.createBucketIfMissing(settings.bucket());
            TicketConfig config = ticketConfig(environment, settings, base, s3.endpoint());
            TicketHandler handler = new TicketHandler(config, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(credentials.identity(), credentials.secret())));
            server.createContext("/api/", new ApiGatewayBridge(handler));
            server.createContext("/i/", new ImageLinks(s3.store(), settings.bucket()));
            server.createContext("/", new StaticFiles(settings.webDirectory(), s3.endpoint()));
            ExecutorService executor = SlowClientLimits.executor();
            server.setExecutor(executor);
            server.start();
            return new LocalStack(server, executor, s3, config, settings, credentials);
        } catch (RuntimeException failed) {
            server.stop(0);
            if (s3 != null) {
                s3.close();
            }
            throw failed;
        }
    }

    private static HttpServer bind(LocalSettings settings) {
        SlowClientLimits.apply();
        try {
            return HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        } catch (BindException taken) {
            throw new StartupException("port " + settings.port() + " on " + settings.host()
                    + " is already in use. Stop what is using it, or choose another with PINHOLE_PORT=<port>.");
        } catch (IOException failed) {
            throw new StartupException("cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + failed.getMessage());
        }
    }

    private static TicketConfig ticketConfig(Map<String, String> environment, LocalSettings settings, String base,
                                             URI s3Endpoint) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put(TicketConfig.BUCKET, settings.bucket());
        variables.put(TicketConfig.REGION, REGION);
        variables.put(TicketConfig.PUBLIC_BASE_URL, base);
        variables.put(TicketConfig.S3_ENDPOINT, s3Endpoint.toString());
        variables.put(TicketConfig.S3_PATH_STYLE, "true");
        return TicketConfig.fromEnvironment(variables);
    }

    /** Where the page is, e.g. http://127.0.0.1:8080 (no trailing slash). */
    public URI baseUrl() {
        return URI.create("http://" + settings.host() + ":" + server.getAddress().getPort());
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public TicketConfig ticketConfig() {
        return ticketConfig;
    }

    public String bucket() {
        return settings.bucket();
    }

    /** The local S3's access key and secret, for tests that run the handler in another process. */
    DataDirectory.S3Credentials s3Credentials() {
        return credentials;
    }

    /**
     * The local S3's credentials for code in this JVM that calls it as a function on Lambda would with its
     * role (bench/'s base64 baseline writes its objects with them).
     */
    public AwsCredentialsProvider s3CredentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.identity(), credentials.secret()));
    }

    /** The object store behind the local S3, for tests that inspect what was stored. */
    public BlobStore store() {
        return s3.store();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        s3.close();
    }
}
