package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A ticket's PUT against a real SigV4-checking S3 (S3Proxy on loopback, in memory): sent with exactly the ticket's
 * headers it is stored with the delete hash and lifetime as user metadata; with a signed header changed or left out
 * it is refused by the signature and nothing is stored. This is what stops a client from dropping its delete hash,
 * putting in another image's, or stretching its lifetime.
 */
class SignedMetadataUploadTest {
    private static final String IDENTITY = "ticket-test-identity";
    private static final String SECRET = "ticket-test-secret-ticket-test-secret";
    private static final byte[] IMAGE = "not really a png, S3 does not look".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Clock ISSUED = Clock.fixed(Instant.parse("2026-12-01T18:30:15.750Z"), ZoneOffset.UTC);

    private static S3Proxy proxy;
    private static BlobStore store;
    private static TicketHandler handler;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startS3() throws Exception {
        store = new TransientNio2BlobStore();
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, SECRET).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        assertEquals("STARTED", proxy.getState());
        store.createContainer(TicketTesting.BUCKET);
        TicketConfig config = TicketConfig.fromEnvironment(TicketTesting.environment(Map.of(
                TicketConfig.S3_ENDPOINT, "http://127.0.0.1:" + proxy.getPort())));
        handler = new TicketHandler(config, StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, SECRET)),
                ISSUED);
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    private static JsonObject ticket(String lifetime) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TicketTesting.postUploads(
                "{\"extension\":\"png\",\"size\":" + IMAGE.length + ",\"lifetime\":\"" + lifetime + "\"}"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return TicketTesting.json(response);
    }

    /** The ticket's PUT, its headers passed through {@code edit} first (the identity sends them as told). */
    private static HttpResponse<String> put(JsonObject ticket, UnaryOperator<Map<String, String>> edit) throws Exception {
        JsonObject upload = ticket.getAsJsonObject("upload");
        Map<String, String> headers = new TreeMap<>();
        upload.getAsJsonObject("headers").entrySet().forEach(e -> headers.put(e.getKey(), e.getValue().getAsString()));
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getAsString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(IMAGE));
        edit.apply(headers).forEach(put::header);
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String uploadKey(JsonObject ticket) {
        return "u/" + ticket.get("key").getAsString().substring("i/".length());
    }

    /** The stored user metadata, names lower case and without x-amz-meta-. */
    private static Map<String, String> metadata(HeadObjectResponse blob) {
        Map<String, String> metadata = new TreeMap<>();
        blob.metadata().forEach((name, value) -> metadata.put(name.toLowerCase(java.util.Locale.ROOT), value));
        return metadata;
    }

    @Test
    void putWithTheTicketsHeaders_isStoredWithTheDeleteHashAndLifetime() throws Exception {
        // Given a ticket for seven days
        JsonObject ticket = ticket("7d");

        // When the client PUTs with exactly its headers
        HttpResponse<String> response = put(ticket, UnaryOperator.identity());

        // Then S3 takes it, and keeps the hash of the ticket's token and the lifetime as the upload's metadata
        assertEquals(200, response.statusCode(), response.body());
        HeadObjectResponse blob = store.blobMetadataIfPresent(TicketTesting.BUCKET, uploadKey(ticket));
        assertNotNull(blob, "stored at " + uploadKey(ticket));
        String token = ticket.getAsJsonObject("delete").getAsJsonObject("headers").get(DeleteToken.HEADER).getAsString();
        assertEquals(Map.of(ImageMetadata.DELETE_HASH, DeleteToken.hash(token),
                ImageMetadata.LIFETIME, "7d",
                ImageMetadata.REMOVE_AFTER, "2026-12-08T18:30:15Z"), metadata(blob));
    }

    @Test
    void putOfAForeverTicket_isStoredWithTheDeleteHashOnly() throws Exception {
        // Given a ticket kept until deleted
        JsonObject ticket = ticket("forever");

        // When the client PUTs with exactly its headers
        HttpResponse<String> response = put(ticket, UnaryOperator.identity());

        // Then S3 takes it, with no lifetime metadata
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(java.util.Set.of(ImageMetadata.DELETE_HASH),
                metadata(store.blobMetadataIfPresent(TicketTesting.BUCKET, uploadKey(ticket))).keySet());
    }

    @Test
    void putWithAnotherDeleteHash_isRefusedByTheSignature() throws Exception {
        // Given a ticket, and the hash of a token the client would rather have (another image's, say)
        JsonObject ticket = ticket("7d");
        String otherHash = DeleteToken.hash(DeleteToken.mint());

        // When the client PUTs with that hash instead of the ticket's
        HttpResponse<String> response = put(ticket, headers -> {
            headers.put(ImageMetadata.header(ImageMetadata.DELETE_HASH), otherHash);
            return headers;
        });

        // Then S3 refuses it as not signed so, and stores nothing
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("SignatureDoesNotMatch"), response.body());
        assertFalse(store.blobExists(TicketTesting.BUCKET, uploadKey(ticket)));
    }

    @Test
    void putWithALongerRemoveAfter_isRefusedByTheSignature() throws Exception {
        // Given a ticket for one day
        JsonObject ticket = ticket("1d");

        // When the client PUTs claiming a later removal
        HttpResponse<String> response = put(ticket, headers -> {
            headers.put(ImageMetadata.header(ImageMetadata.REMOVE_AFTER), "2099-01-01T00:00:00Z");
            return headers;
        });

        // Then S3 refuses it, and stores nothing
        assertEquals(403, response.statusCode(), response.body());
        assertFalse(store.blobExists(TicketTesting.BUCKET, uploadKey(ticket)));
    }

    @Test
    void putWithoutTheDeleteHash_isRefusedByTheSignature() throws Exception {
        // Given a ticket
        JsonObject ticket = ticket("forever");

        // When the client leaves the delete hash out (an image nobody could delete)
        HttpResponse<String> response = put(ticket, headers -> {
            headers.remove(ImageMetadata.header(ImageMetadata.DELETE_HASH));
            return headers;
        });

        // Then S3 refuses it, and stores nothing
        assertEquals(403, response.statusCode(), response.body());
        assertFalse(store.blobExists(TicketTesting.BUCKET, uploadKey(ticket)));
    }
}
