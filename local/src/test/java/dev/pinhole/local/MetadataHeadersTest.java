package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The user metadata Pinhole keeps on its objects (delete-token hash, lifetime, removeAfter, what was removed) on its
 * way in and out: a browser may send it on a signed PUT from the page's origin, S3 keeps it, and no image link ever
 * sends it to a viewer.
 */
class MetadataHeadersTest {
    static final byte[] IMAGE = SampleImages.png(24, 24);
    static final Map<String, String> METADATA = Map.of(
            ImageMetadata.DELETE_HASH, DeleteToken.hash(DeleteToken.mint()),
            ImageMetadata.LIFETIME, "7d",
            ImageMetadata.REMOVE_AFTER, "2030-01-02T03:04:05Z",
            ImageMetadata.REMOVED, "exif,xmp");

    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;
    static ImageKey published;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
        // An image as the publisher stores one with a lifetime: every metadata name, and a shorter Cache-Control
        published = ImageKey.mint("png");
        ((ForwardingBlobStore) stack.store()).delegate().putBlob(PutObjectRequest.builder().bucket(stack.bucket())
                .key(published.publicKey()).contentType("image/png").cacheControl("public, max-age=3600")
                .contentLength((long) IMAGE.length).metadata(METADATA).build(), new ByteArrayInputStream(IMAGE));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Stream<Map<String, String>> viewerRequests() {
        return Stream.of(Map.of(), Map.of("range", "bytes=0-9"), Map.of("if-none-match", "*"));
    }

    @ParameterizedTest
    @MethodSource("viewerRequests")
    void link_neverSendsUserMetadata_toViewers(Map<String, String> request) throws Exception {
        // When a viewer opens the link (whole, a range, conditionally) or only asks for its headers
        for (String method : List.of("GET", "HEAD")) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(stack.baseUrl().resolve(published.linkPath()))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            request.forEach(builder::header);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(builder.build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            // Then it is answered, and not one x-amz-meta-* header (nor any x-amz-* at all) is in the answer
            assertTrue(List.of(200, 206, 304).contains(response.statusCode()), method + " " + response.statusCode());
            List<String> leaked = response.headers().map().keySet().stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-")).toList();
            assertEquals(List.of(), leaked, method + " " + request);
        }
    }

    @Test
    void link_servesTheStoredCacheControl_soALifetimeIsNotOutlivedByCaches() {
        Reply served = client.get(stack.baseUrl().resolve(published.linkPath()), Map.of());

        assertEquals(200, served.status());
        assertArrayEquals(IMAGE, served.body());
        assertEquals("public, max-age=3600", served.header("cache-control"));
    }

    @Test
    void preflightFromThePage_allowsTheSignedMetadataHeaders() throws IOException, InterruptedException {
        // Given the preflight a browser sends before a PUT with the ticket's headers
        String requested = String.join(",", LocalS3.UPLOAD_HEADERS);
        HttpRequest preflight = HttpRequest.newBuilder(stack.s3Endpoint().resolve("/" + stack.bucket() + "/u/x.png"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", stack.baseUrl().toString())
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", requested)
                .build();

        // When S3 answers it
        HttpResponse<String> answer = HttpClient.newHttpClient().send(preflight, HttpResponse.BodyHandlers.ofString());

        // Then the page's origin may send every one of them, the three x-amz-meta-pinhole-* included
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(stack.baseUrl().toString(), answer.headers().firstValue("access-control-allow-origin").orElse(null));
        String allowed = answer.headers().firstValue("access-control-allow-headers").orElse("").toLowerCase(Locale.ROOT);
        for (String name : List.of("x-amz-meta-pinhole-delete-hash", "x-amz-meta-pinhole-lifetime",
                "x-amz-meta-pinhole-remove-after")) {
            assertTrue(allowed.contains(name), name + " not in " + allowed);
        }
    }

    @Test
    void signedMetadataOnAPageUpload_passesTheGuard_andIsStored() {
        // Given a PUT presigned with the metadata a ticket signs, sent from the page's origin
        String key = "t/" + ImageKey.mint("png").name();
        Map<String, String> metadata = Map.of(ImageMetadata.DELETE_HASH, METADATA.get(ImageMetadata.DELETE_HASH),
                ImageMetadata.LIFETIME, "7d", ImageMetadata.REMOVE_AFTER, "2030-01-02T03:04:05Z");
        PresignedPutObjectRequest presigned = presign(key, metadata);
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equals("host") && !name.equals("content-length")) {
                headers.put(name, values.get(0));
            }
        });
        headers.put("Origin", stack.baseUrl().toString());

        // When it is sent
        Reply put = client.put(URI.create(presigned.url().toString()), headers, IMAGE);

        // Then S3 stores it with the metadata, and the page may read the answer
        assertEquals(200, put.status(), put.text());
        assertEquals(stack.baseUrl().toString(), put.header("access-control-allow-origin"));
        assertEquals(metadata, stack.store().blobMetadata(stack.bucket(), key).metadata());
    }

    @Test
    void metadataTheTicketDidNotSign_isRefused_soNoClientCanChooseItsOwnDeleteHash() {
        // Given a ticket's PUT with a delete hash of the client's own choosing added
        Reply ticket = client.requestTicket("png", IMAGE, true);
        assertEquals(201, ticket.status(), ticket.text());
        Map<String, String> headers = new LinkedHashMap<>(TicketClient.headers(ticket.json()));
        boolean signedByTicket = headers.containsKey(ImageMetadata.header(ImageMetadata.DELETE_HASH));
        headers.put(ImageMetadata.header(signedByTicket ? ImageMetadata.REMOVED : ImageMetadata.DELETE_HASH),
                DeleteToken.hash("chosen"));

        // When it is sent
        Reply put = client.put(URI.create(ticket.json().getAsJsonObject("upload").get("url").getAsString()),
                headers, IMAGE);

        // Then S3 refuses it (signed: a changed value; unsigned: not signed), and nothing is stored
        assertEquals(403, put.status(), put.text());
        assertFalse(stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket.json())));
        assertNull(client.get(URI.create(ticket.json().get("url").getAsString()), Map.of()).header("x-amz-meta-"
                + ImageMetadata.DELETE_HASH));
    }

    private static PresignedPutObjectRequest presign(String key, Map<String, String> metadata) {
        DataDirectory.S3Credentials credentials = stack.s3Credentials();
        try (S3Presigner presigner = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(stack.s3Endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.identity(), credentials.secret())))
                .build()) {
            return presigner.presignPutObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(PutObjectRequest.builder().bucket(stack.bucket()).key(key)
                            .contentType("image/png").contentLength((long) IMAGE.length).metadata(metadata).build()));
        }
    }
}
