package dev.pinhole.local;

import com.sun.net.httpserver.HttpServer;
import dev.pinhole.core.Environment;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.images.api.ImageApiConfig;
import dev.pinhole.images.api.ImageApiHandler;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublisherConfig;
import dev.pinhole.images.store.S3Clients;
import dev.pinhole.images.store.StoreConfig;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
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
 * Pinhole on one machine: S3Proxy stands in for S3 (and sends the upload events S3 would send to the publisher),
 * and one HTTP server stands in for CloudFront (the page at /, links at /i/*) and API Gateway (/api/images/* to
 * the image API handler, the rest of /api/* to the ticket handler: the production handlers, unchanged).
 */
public final class LocalStack implements AutoCloseable {
    static final String REGION = "us-east-1";
    /** Publishes at a time, like a Lambda function's concurrency; more would only compete for two cores. */
    private static final int PUBLISHERS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalS3 s3;
    private final TicketConfig ticketConfig;
    private final LocalSettings settings;
    private final DataDirectory.S3Credentials credentials;
    private final EventDelivery delivery;
    private final UploadNotifyingStore notifying;
    private final PublishHandler publisher;
    private final S3Client functionsS3;

    private LocalStack(HttpServer server, ExecutorService executor, LocalS3 s3, TicketConfig ticketConfig,
                       LocalSettings settings, DataDirectory.S3Credentials credentials, EventDelivery delivery,
                       UploadNotifyingStore notifying, PublishHandler publisher, S3Client functionsS3) {
        this.server = server;
        this.executor = executor;
        this.s3 = s3;
        this.ticketConfig = ticketConfig;
        this.settings = settings;
        this.credentials = credentials;
        this.delivery = delivery;
        this.notifying = notifying;
        this.publisher = publisher;
        this.functionsS3 = functionsS3;
    }

    /**
     * Starts the stack. {@code environment} supplies the handlers' own settings (size limit, allowed types,
     * token...) just as Lambda's environment would; the S3 and link settings are the stack's own.
     */
    public static LocalStack start(LocalSettings settings, Map<String, String> environment) {
        return start(settings, environment, LocalOptions.DEFAULT);
    }

    /** Starts the stack with what a test changes (formats, a failing S3 for the publisher, retry delays). */
    public static LocalStack start(LocalSettings settings, Map<String, String> environment, LocalOptions options) {
        DataDirectory data = new DataDirectory(settings.dataDirectory(),
                notice -> System.err.println("pinhole: " + notice));
        Path storeFolder = data.prepareStore(settings.bucket());
        reportRemoved(StartupSweep.removeTempFiles(storeFolder.resolve(settings.bucket())));
        DataDirectory.S3Credentials credentials = data.credentials();
        HttpServer server = bind(settings);
        String base = "http://" + settings.host() + ":" + server.getAddress().getPort();
        List<String> pageOrigins = List.of(base, "http://localhost:" + server.getAddress().getPort());
        EventDelivery delivery = new EventDelivery(PUBLISHERS, options.retryDelays());
        UploadNotifyingStore notifying = new UploadNotifyingStore(
                new FilesystemNio2BlobStore(storeFolder.toString()), settings.bucket(), REGION, delivery,
                Clock.systemUTC(), options.deliverEvents());
        LocalS3 s3 = null;
        try {
            s3 = LocalS3.start(settings.host(), settings.s3Port(), notifying, credentials, pageOrigins);
            s3.createBucketIfMissing(settings.bucket());
            Map<String, String> variables = functionEnvironment(environment, settings, base, s3.endpoint());
            TicketConfig config = TicketConfig.fromEnvironment(variables);
            StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    credentials.identity(), credentials.secret()));
            TicketHandler handler = new TicketHandler(config, keys);
            S3Client functionsS3 = S3Clients.create(StoreConfig.from(new Environment(variables)), keys);
            PublishHandler publisher = new PublishHandler(options.publisherS3().apply(functionsS3), settings.bucket(),
                    options.formats(), PublisherConfig.fromEnvironment(variables).limits(), Clock.systemUTC());
            delivery.attach(publisher);
            ImageApiHandler images = new ImageApiHandler(ImageApiConfig.fromEnvironment(variables), functionsS3);
            server.createContext("/api/", new ApiGatewayBridge(handler));
            server.createContext(ImageRoutes.PREFIX, new ApiGatewayBridge(images));
            server.createContext("/i/", new ImageLinks(s3.store(), settings.bucket()));
            server.createContext("/", new StaticFiles(settings.webDirectory(), s3.endpoint()));
            ExecutorService executor = SlowClientLimits.executor();
            server.setExecutor(executor);
            server.start();
            // Uploads that landed while the stack was down (or whose last delivery failed): publish them now.
            StartupSweep.redeliverUploads(notifying.delegate(), settings.bucket(), notifying);
            return new LocalStack(server, executor, s3, config, settings, credentials, delivery, notifying, publisher,
                    functionsS3);
        } catch (RuntimeException failed) {
            server.stop(0);
            delivery.close();
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

    /** The publisher the stack's events go to, for tests that hand it an event themselves. */
    public PublishHandler publisher() {
        return publisher;
    }

    /** Queues the ObjectCreated event of an upload once more, as S3 may (it delivers at least once). */
    public void redeliver(String uploadKey) {
        notifying.notifyCreated(uploadKey);
    }

    /** Events queued or waiting for a retry. */
    public int eventsPending() {
        return delivery.pending();
    }

    @Override
    public void close() {
        server.stop(0);
        delivery.close();
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
