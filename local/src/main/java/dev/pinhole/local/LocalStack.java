package dev.pinhole.local;

import com.sun.net.httpserver.HttpServer;
import dev.pinhole.core.Environment;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.api.ImageApiConfig;
import dev.pinhole.images.api.ImageApiHandler;
import dev.pinhole.images.api.ImageApiMetrics;
import dev.pinhole.images.cdn.InvalidationHandler;
import dev.pinhole.images.cdn.InvalidatorMetrics;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublisherConfig;
import dev.pinhole.images.publish.PublisherMetrics;
import dev.pinhole.images.store.S3Clients;
import dev.pinhole.images.store.StoreConfig;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import dev.pinhole.tickets.TicketMetrics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pinhole on one machine: S3Proxy stands in for S3 (and sends the events S3 would send: uploads to the publisher,
 * pending-invalidation markers to the invalidator; and runs lifecycle expiry, see {@link LocalExpiry}), and one HTTP
 * server stands in for CloudFront (the page at /, links at /i/*) and API Gateway (/api/images/* to the image API
 * handler, the rest of /api/* to the ticket handler: the production handlers, unchanged).
 */
public final class LocalStack implements AutoCloseable {
    static final String REGION = "us-east-1";
    /** Publishes at a time, like a Lambda function's concurrency; more would only compete for two cores. */
    private static final int PUBLISHERS = 4;
    /** The invalidator's reserved concurrency in template.yaml: one, so that a burst of deletes is batched. */
    private static final int INVALIDATORS = 1;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalS3 s3;
    private final TicketConfig ticketConfig;
    private final LocalSettings settings;
    private final DataDirectory.S3Credentials credentials;
    private final Deliveries deliveries;
    private final NotifyingStore notifying;
    private final PublishHandler publisher;
    private final LocalExpiry expiry;
    private final RecordedInvalidations invalidations;
    private final S3Client functionsS3;

    private LocalStack(HttpServer server, ExecutorService executor, LocalS3 s3, TicketConfig ticketConfig,
                       LocalSettings settings, DataDirectory.S3Credentials credentials, Deliveries deliveries,
                       NotifyingStore notifying, PublishHandler publisher, LocalExpiry expiry,
                       RecordedInvalidations invalidations, S3Client functionsS3) {
        this.server = server;
        this.executor = executor;
        this.s3 = s3;
        this.ticketConfig = ticketConfig;
        this.settings = settings;
        this.credentials = credentials;
        this.deliveries = deliveries;
        this.notifying = notifying;
        this.publisher = publisher;
        this.expiry = expiry;
        this.invalidations = invalidations;
        this.functionsS3 = functionsS3;
    }

    /** The event deliveries of the bucket's notifications: uploads to the publisher, markers to the invalidator. */
    private record Deliveries(EventDelivery publisher, EventDelivery invalidator) implements AutoCloseable {
        static Deliveries start(LocalOptions options) {
            return new Deliveries(new EventDelivery("publisher", PUBLISHERS, options.retryDelays()),
                    new EventDelivery("invalidator", INVALIDATORS, options.retryDelays()));
        }

        List<NotifyingStore.Rule> rules() {
            return List.of(new NotifyingStore.Rule(ImageKey.UPLOAD_PREFIX, "publish-uploads", publisher),
                    new NotifyingStore.Rule(ImageKey.PENDING_INVALIDATION_PREFIX, "invalidate-deleted", invalidator));
        }

        int pending() {
            return publisher.pending() + invalidator.pending();
        }

        @Override
        public void close() {
            publisher.close();
            invalidator.close();
        }
    }

    /**
     * Starts the stack. {@code environment} supplies the handlers' own settings (size limit, allowed types,
     * token...) just as Lambda's environment would; the S3 and link settings are the stack's own.
     */
    public static LocalStack start(LocalSettings settings, Map<String, String> environment) {
        return start(settings, environment, LocalOptions.DEFAULT);
    }

    /** Starts the stack with what a test changes (formats, a failing S3 for the publisher, retry delays, clock). */
    public static LocalStack start(LocalSettings settings, Map<String, String> environment, LocalOptions options) {
        DataDirectory data = new DataDirectory(settings.dataDirectory(),
                notice -> System.err.println("pinhole: " + notice));
        Path storeFolder = data.prepareStore(settings.bucket());
        reportRemoved(StartupSweep.removeTempFiles(storeFolder.resolve(settings.bucket())));
        DataDirectory.S3Credentials credentials = data.credentials();
        HttpServer server = bind(settings);
        String base = "http://" + settings.host() + ":" + server.getAddress().getPort();
        List<String> pageOrigins = List.of(base, "http://localhost:" + server.getAddress().getPort());
        Clock clock = settings.clockOffset().isZero() ? options.clock()
                : Clock.offset(options.clock(), settings.clockOffset());
        Deliveries deliveries = Deliveries.start(options);
        NotifyingStore notifying = new NotifyingStore(
                new VanishingDirectoryRetry(new FilesystemNio2BlobStore(storeFolder.toString())),
                settings.bucket(), REGION, deliveries.rules(), Clock.systemUTC());
        LocalExpiry expiry = new LocalExpiry(notifying.delegate(), settings.bucket(), clock);
        LocalS3 s3 = null;
        try {
            s3 = LocalS3.start(settings.host(), settings.s3Port(), notifying, credentials, pageOrigins);
            s3.createBucketIfMissing(settings.bucket());
            Map<String, String> variables = functionEnvironment(environment, settings, base, s3.endpoint());
            TicketConfig config = TicketConfig.fromEnvironment(variables);
            StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    credentials.identity(), credentials.secret()));
            // The functions' log lines as a person at the terminal reads them: one short line per request (AWS gets
            // the same events as JSON lines that are also CloudWatch metrics).
            TicketHandler handler = new TicketHandler(config, keys, clock)
                    .withTelemetry(Telemetry.readable(TicketMetrics.FUNCTION, options.log()));
            StoreConfig store = StoreConfig.from(new Environment(variables));
            S3Client functionsS3 = S3Clients.create(store, keys);
            PublishHandler publisher = new PublishHandler(options.publisherS3().apply(functionsS3), settings.bucket(),
                    options.formats(), PublisherConfig.fromEnvironment(variables).limits(), clock)
                    .withTelemetry(Telemetry.readable(PublisherMetrics.FUNCTION, options.log()));
            deliveries.publisher().attach(options.publisherWrapper().apply(publisher));
            RecordedInvalidations invalidations = new RecordedInvalidations();
            deliveries.invalidator().attach(new InvalidationHandler(store, functionsS3, invalidations)
                    .withTelemetry(Telemetry.readable(InvalidatorMetrics.FUNCTION, options.log())));
            ImageApiHandler images = new ImageApiHandler(ImageApiConfig.fromEnvironment(variables), functionsS3, clock)
                    .withTelemetry(Telemetry.readable(ImageApiMetrics.FUNCTION, options.log()));
            server.createContext("/api/", new ApiGatewayBridge(handler));
            // Every method goes to the image API, which answers GET (status) and DELETE (take back), the two routes
            // template.yaml gives it, and a 405 with Allow for the rest.
            server.createContext(ImageRoutes.PREFIX, new ApiGatewayBridge(images));
            server.createContext("/i/", new ImageLinks(s3.store(), settings.bucket()));
            server.createContext("/", new StaticFiles(settings.webDirectory(), s3.endpoint()));
            ExecutorService executor = SlowClientLimits.executor();
            server.setExecutor(executor);
            server.start();
            // Uploads that landed while the stack was down (or whose last delivery failed): publish them now.
            StartupSweep.redeliverWaiting(notifying.delegate(), settings.bucket(), notifying);
            expiry.start();
            return new LocalStack(server, executor, s3, config, settings, credentials, deliveries, notifying,
                    publisher, expiry, invalidations, functionsS3);
        } catch (RuntimeException failed) {
            server.stop(0);
            deliveries.close();
            expiry.close();
            if (s3 != null) {
                s3.close();
            }
            throw failed;
        }
    }

    private static void reportRemoved(List<Path> tempFiles) {
        if (!tempFiles.isEmpty()) {
            System.out.println("pinhole: removed " + tempFiles.size() + " unfinished upload file(s) that an earlier"
                    + " stop left behind: " + tempFiles);
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

    /** The environment every function reads, as Lambda would set it: the caller's, plus the stack's S3 and links. */
    private static Map<String, String> functionEnvironment(Map<String, String> environment, LocalSettings settings,
                                                           String base, URI s3Endpoint) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put(TicketConfig.BUCKET, settings.bucket());
        variables.put(TicketConfig.REGION, REGION);
        variables.put(TicketConfig.PUBLIC_BASE_URL, base);
        variables.put(TicketConfig.S3_ENDPOINT, s3Endpoint.toString());
        variables.put(TicketConfig.S3_PATH_STYLE, "true");
        return variables;
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

    /** The CloudFront paths the invalidator would have invalidated so far (/i/<name>), oldest first. */
    public List<String> invalidatedPaths() {
        return invalidations.paths();
    }

    /** The publisher the stack's events go to, for tests that hand it an event themselves. */
    public PublishHandler publisher() {
        return publisher;
    }

    /** Queues the ObjectCreated event of an upload (or marker) once more, as S3 may (it delivers at least once). */
    public void redeliver(String key) {
        notifying.notifyCreated(key);
    }

    /** Events queued or waiting for a retry, of every function. */
    public int eventsPending() {
        return deliveries.pending();
    }

    /**
     * Runs the expiry pass now rather than at its next minute (after a test moved the clock past a removeAfter);
     * returns the keys of the images it removed.
     */
    public List<String> expireNow() {
        return expiry.expireNow();
    }

    @Override
    public void close() {
        server.stop(0);
        expiry.close();
        deliveries.close();
        functionsS3.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        s3.close();
    }
}
