package dev.pinhole.images;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import dev.pinhole.images.store.S3Clients;
import dev.pinhole.images.store.StoreConfig;
import java.util.Optional;

/**
 * A real S3 for the handlers' tests: S3Proxy on loopback over an in-memory store, checking SigV4 and
 * If-None-Match as S3 does, and the very S3 client the functions build.
 */
public final class TestBucket implements AutoCloseable {
    public static final String NAME = "pinhole-images";
    private static final String IDENTITY = "test-identity";
    private static final String SECRET = "test-secret-test-secret";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, SECRET));

    private final S3Proxy proxy;
    private final BlobStore store;
    private final StoreConfig config;
    private final S3Client client;

    private TestBucket(S3Proxy proxy, BlobStore store, StoreConfig config) {
        this.proxy = proxy;
        this.store = store;
        this.config = config;
        this.client = S3Clients.create(config, CREDENTIALS);
    }

    public static TestBucket start() throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, SECRET).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        store.createContainer(NAME);
        StoreConfig config = new StoreConfig(NAME, Region.US_EAST_1.id(),
                Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())), true);
        return new TestBucket(proxy, store, config);
    }

    public S3Client client() {
        return client;
    }

    /** The bucket's settings as a function's configuration holds them. */
    public StoreConfig config() {
        return config;
    }

    /**
     * Another client like the functions', with an interceptor that sees each request as it goes on the wire (and
     * can act when one finished): the real SDK and S3Proxy, observed rather than mocked.
     */
    public S3Client clientWith(ExecutionInterceptor interceptor) {
        return S3Clients.builder(config, CREDENTIALS)
                .overrideConfiguration(override -> override.addExecutionInterceptor(interceptor)).build();
    }

    /** An object with user metadata (names without x-amz-meta-), as a ticket's signed PUT leaves it. */
    public void put(String key, byte[] bytes, Map<String, String> metadata) {
        client.putObject(put -> put.bucket(NAME).key(key).contentType("application/octet-stream").metadata(metadata),
                RequestBody.fromBytes(bytes));
    }

    public void put(String key, byte[] bytes) {
        client.putObject(put -> put.bucket(NAME).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(bytes));
    }

    public Optional<byte[]> get(String key) {
        if (!exists(key)) {
            return Optional.empty();
        }
        return Optional.of(client.getObjectAsBytes(get -> get.bucket(NAME).key(key)).asByteArray());
    }

    public boolean exists(String key) {
        return store.blobMetadataIfPresent(NAME, key) != null;
    }

    public software.amazon.awssdk.services.s3.model.HeadObjectResponse head(String key) {
        return client.headObject(head -> head.bucket(NAME).key(key));
    }

    public List<String> keys() {
        return store.list(NAME).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Removes every object under the prefix: for tests that list it. */
    public void clear(String prefix) {
        keys().stream().filter(key -> key.startsWith(prefix)).forEach(key -> store.removeBlob(NAME, key));
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
