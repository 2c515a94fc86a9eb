package dev.pinhole.local;

import dev.pinhole.core.ImageMetadata;
import jakarta.servlet.DispatcherType;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/**
 * A real S3 server on loopback: S3Proxy over a folder. It verifies SigV4 presigned URLs (signed headers,
 * expiry, checksums, If-None-Match) the way S3 does, which is what makes the local stack worth testing on;
 * where S3Proxy is laxer than S3 about what a presigned URL may carry, {@link PresignedRequestGuard} answers
 * as S3 does.
 */
final class LocalS3 implements AutoCloseable {
    /**
     * The headers an upload ticket signs and the browser sends; S3 must allow them cross-origin (template.yaml's
     * CORS rule lists the same). The user metadata is the delete-token hash, and the lifetime with its end.
     */
    static final List<String> UPLOAD_HEADERS = List.of("content-type", "if-none-match", "x-amz-checksum-sha256",
            ImageMetadata.header(ImageMetadata.DELETE_HASH), ImageMetadata.header(ImageMetadata.LIFETIME),
            ImageMetadata.header(ImageMetadata.REMOVE_AFTER));

    private final S3Proxy proxy;
    private final BlobStore store;
    private final String host;

    private LocalS3(S3Proxy proxy, BlobStore store, String host) {
        this.proxy = proxy;
        this.store = store;
        this.host = host;
    }

    static LocalS3 start(String host, int port, BlobStore store, DataDirectory.S3Credentials credentials,
                         List<String> pageOrigins) {
        CrossOriginResourceSharing cors = new CrossOriginResourceSharing(
                pageOrigins, List.of("PUT", "GET", "HEAD"), UPLOAD_HEADERS, List.of("ETag"), "false");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.identity(), credentials.secret())
                .corsRules(cors)
                .build();
        guard(proxy, new PresignedRequestGuard(cors));
        try {
            proxy.start();
            waitUntilStarted(proxy);
        } catch (Exception failed) {
            // Jetty wraps the BindException in an IOException("Failed to bind to ..."), so look down the chain.
            if (isBindFailure(failed)) {
                throw new StartupException("port " + port + " for the local S3 server is already in use."
                        + " Choose another with PINHOLE_S3_PORT=<port> (0 picks a free one).");
            }
            throw new StartupException("the local S3 server did not start: " + failed.getMessage(), failed);
        }
        return new LocalS3(proxy, store, host);
    }

    /**
     * Puts the guard in front of S3Proxy's servlet. S3Proxy's builder offers no hook for request filters, so
     * the servlet context is found through the one private field that holds S3Proxy's Jetty server. S3Proxy's
     * version is pinned in the build; should a release rename the field, the stack refuses to start rather
     * than run without the guard.
     */
    private static void guard(S3Proxy proxy, PresignedRequestGuard guard) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            ServletContextHandler context = ((Server) field.get(proxy)).getDescendant(ServletContextHandler.class);
            context.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            throw new StartupException("cannot put the request guard in front of S3Proxy (has its version changed?): "
                    + unexpected, unexpected);
        }
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
        // S3Proxy starts Jetty asynchronously; its port is only known once it is listening.
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new StartupException("the local S3 server did not start within 5 seconds");
        }
    }

    URI endpoint() {
        return URI.create("http://" + host + ":" + proxy.getPort());
    }

    BlobStore store() {
        return store;
    }

    void createBucketIfMissing(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // stopping is best effort: the process is going away
        }
    }
}
