package dev.pinhole.images;

import java.net.URI;
import java.util.List;
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

    private final S3Proxy proxy;
    private final BlobStore store;
    private final S3Client client;

    private TestBucket(S3Proxy proxy, BlobStore store, S3Client client) {
        this.proxy = proxy;
        this.store = store;
        this.client = client;
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
        S3Client client = S3Clients.create(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, SECRET)));
        return new TestBucket(proxy, store, client);
    }

    public S3Client client() {
        return client;
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

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
