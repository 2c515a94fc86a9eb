package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack as a client sees it: the API bridge, links served like CloudFront, the page, restarts. */
class LocalStackTest {
    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;
    static final byte[] IMAGE = SampleImages.png(50, 40);
    static URI link;

    @BeforeAll
    static void startAndUpload() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
        JsonObject ticket = client.requestTicket("png", IMAGE, true).json();
        client.uploadAndAwaitPublished(ticket, IMAGE);
        link = URI.create(ticket.get("url").getAsString());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void ticket_linksToThisStack_andSaysWhereInLocation() {
        Reply reply = client.requestTicket("JPG", SampleImages.jpeg(10, 10), false);

        assertEquals(201, reply.status());
        String url = reply.json().get("url").getAsString();
        assertTrue(url.startsWith(stack.baseUrl() + "/i/") && url.endsWith(".jpg"), url);
        assertEquals(url, reply.header("location"));
        assertEquals("image/jpeg", reply.json().get("contentType").getAsString());
    }

    @Test
    void binaryContentType_reachesHandlerBase64Encoded_andIsStillUnderstood() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.baseUrl().resolve("/api/uploads"))
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"extension\":\"png\",\"size\":10}")).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void limits_areServedThroughTheBridge() {
        Reply limits = client.get(stack.baseUrl().resolve("/api/limits"), Map.of());

        assertEquals(200, limits.status());
        assertEquals(20971520, limits.json().get("maxBytes").getAsLong());
        assertEquals("no-store", limits.header("cache-control"));
    }

    @Test
    void apiRefusal_isJsonWithItsStatus() {
        Reply reply = client.requestTicket("{\"extension\":\"svg\",\"size\":10}");

        assertEquals(415, reply.status());
        assertEquals("unsupported_extension", reply.json().getAsJsonObject("error").get("code").getAsString());
        assertTrue(reply.header("content-type").startsWith("application/json"));
    }

    @Test
    void link_answersRangeWith206() {
        Reply part = client.get(link, Map.of("range", "bytes=8-15"));

        assertEquals(206, part.status());
        assertEquals("bytes 8-15/" + IMAGE.length, part.header("content-range"));
        assertArrayEquals(Arrays.copyOfRange(IMAGE, 8, 16), part.body());
    }

    @Test
    void link_answersSuffixRange() {
        Reply tail = client.get(link, Map.of("range", "bytes=-4"));

        assertEquals(206, tail.status());
        assertArrayEquals(Arrays.copyOfRange(IMAGE, IMAGE.length - 4, IMAGE.length), tail.body());
    }

    @Test
    void link_answersRangePastTheEndWith416() {
        Reply outside = client.get(link, Map.of("range", "bytes=" + IMAGE.length + "-"));

        assertEquals(416, outside.status());
        assertEquals("bytes */" + IMAGE.length, outside.header("content-range"));
    }

    @Test
    void link_answersMatchingIfNoneMatchWith304() {
        String etag = client.get(link, Map.of()).header("etag");

        Reply again = client.get(link, Map.of("if-none-match", etag));

        assertEquals(304, again.status());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.header("etag"));
    }

    @Test
    void link_answersHeadWithLengthAndNoBody() throws Exception {
        HttpResponse<byte[]> head = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(link).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(IMAGE.length), head.headers().firstValue("content-length").orElse(null));
        assertEquals(0, head.body().length);
    }

    @Test
    void link_neverPassesOnAContentDispositionTheUploaderStored() {
        // Given an upload that added an unsigned Content-Disposition, which S3 stores with the object
        byte[] image = SampleImages.png(20, 20);
        JsonObject ticket = client.requestTicket("png", image, true).json();
        Map<String, String> headers = new java.util.LinkedHashMap<>(TicketClient.headers(ticket));
        headers.put("content-disposition", "attachment; filename=x.html");
        assertEquals(200, client.put(URI.create(ticket.getAsJsonObject("upload").get("url").getAsString()),
                headers, image).status());
        assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());

        // When its link is opened
        Reply served = client.get(URI.create(ticket.get("url").getAsString()), Map.of());

        // Then it is shown inline as the signed image type, as CloudFront's image policy does
        assertEquals(200, served.status());
        assertEquals(null, served.header("content-disposition"));
        assertEquals("image/png", served.header("content-type"));
    }

    @Test
    void unknownImage_is404Json() {
        Reply missing = client.get(stack.baseUrl().resolve("/i/AAAAAAAAAAAAAAAAAAAAAA.png"), Map.of());

        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().getAsJsonObject("error").get("code").getAsString());
        // and nobody may cache the miss: the image may be published a moment later
        assertEquals("no-store", missing.header("cache-control"));
    }

    @Test
    void page_isServedWithAPolicyThatOnlyAllowsThisSiteAndTheUploadHost() {
        Reply page = client.get(stack.baseUrl().resolve("/"), Map.of());

        assertEquals(200, page.status());
        assertTrue(page.header("content-type").startsWith("text/html"));
        assertTrue(page.header("content-security-policy").contains("connect-src 'self' " + stack.s3Endpoint()),
                page.header("content-security-policy"));
    }

    @Test
    void restart_onTheSameDataDirectory_keepsImagesAndCredentials(@TempDir Path otherData) throws Exception {
        byte[] image = SampleImages.png(30, 30);
        URI savedLink;
        String credentials;
        try (LocalStack first = LocalStack.start(LocalSettings.forTests(otherData), Map.of(), LocalOptions.TESTS)) {
            TicketClient firstClient = new TicketClient(first.baseUrl());
            JsonObject ticket = firstClient.requestTicket("png", image, true).json();
            firstClient.uploadAndAwaitPublished(ticket, image);
            savedLink = URI.create(ticket.get("url").getAsString());
            credentials = Files.readString(otherData.resolve("credentials.properties"));
        }

        try (LocalStack second = LocalStack.start(LocalSettings.forTests(otherData), Map.of(), LocalOptions.TESTS)) {
            URI sameKey = second.baseUrl().resolve(savedLink.getPath());
            Reply served = new TicketClient(second.baseUrl()).get(sameKey, Map.of());

            assertArrayEquals(image, served.body());
            assertEquals(credentials, Files.readString(otherData.resolve("credentials.properties")));
        }
        assertNotEquals("", credentials);
    }
}
