package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tickets from the real handler and presigner, used against a real S3 server (S3Proxy, which checks
 * SigV4 signatures): the honest upload lands intact, and every deviation from the ticket is refused.
 */
class PresignedUploadTest {
    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;
    static final byte[] IMAGE = SampleImages.png(80, 60);

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    private static JsonObject ticketFor(byte[] image) {
        Reply reply = client.requestTicket("png", image, true);
        assertEquals(201, reply.status(), reply.text());
        return reply.json();
    }

    @Test
    void honestUpload_storesExactBytes_andLinkServesThemAsPng() {
        JsonObject ticket = ticketFor(IMAGE);

        Reply put = client.upload(ticket, IMAGE);
        assertEquals(200, put.status(), put.text());
        assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());
        Reply link = client.get(URI.create(ticket.get("url").getAsString()), Map.of());

        assertEquals(200, link.status());
        assertArrayEquals(IMAGE, link.body());
        assertEquals("image/png", link.header("content-type"));
        assertEquals("public, max-age=31536000, immutable", link.header("cache-control"));
        assertEquals("nosniff", link.header("x-content-type-options"));
        assertEquals(String.valueOf(IMAGE.length), link.header("content-length"));
        assertEquals(put.header("etag"), link.header("etag"));
    }

    @Test
    void s3Refuses_anotherContentType() {
        JsonObject ticket = ticketFor(IMAGE);
        Map<String, String> headers = new LinkedHashMap<>(TicketClient.headers(ticket));
        headers.put("content-type", "text/html");

        Reply put = client.put(uploadUrl(ticket), headers, IMAGE);

        assertRefused(put, 403, "SignatureDoesNotMatch", ticket);
    }

    @Test
    void s3Refuses_aBodyOneByteLonger() {
        JsonObject ticket = ticketFor(IMAGE);

        Reply put = client.put(uploadUrl(ticket), TicketClient.headers(ticket), Arrays.copyOf(IMAGE, IMAGE.length + 1));

        assertRefused(put, 403, "SignatureDoesNotMatch", ticket);
    }

    @Test
    void s3Refuses_aBodyOneByteShorter() {
        JsonObject ticket = ticketFor(IMAGE);

        Reply put = client.put(uploadUrl(ticket), TicketClient.headers(ticket), Arrays.copyOf(IMAGE, IMAGE.length - 1));

        assertRefused(put, 403, "SignatureDoesNotMatch", ticket);
    }

    @Test
    void s3Refuses_aChangedKey() {
        JsonObject ticket = ticketFor(IMAGE);
        String key = TicketClient.uploadKey(ticket);
        URI otherKey = URI.create(uploadUrl(ticket).toString().replace(key, "i/chosen-by-the-client.png"));

        Reply put = client.put(otherKey, TicketClient.headers(ticket), IMAGE);

        assertEquals(403, put.status(), put.text());
        assertEquals("SignatureDoesNotMatch", put.s3ErrorCode());
        assertFalse(stack.store().blobExists(stack.bucket(), "i/chosen-by-the-client.png"));
    }

    @Test
    void secondPutWithTheSameTicket_neverChangesWhatTheLinkServes() {
        // Given a ticket whose image is published
        byte[] other = SampleImages.png(61, 47);
        JsonObject ticket = client.requestTicket("png", other, false).json();
        client.uploadAndAwaitPublished(ticket, other);

        // When the same presigned PUT is sent again with other bytes of the same size (its upload key is free
        // again: S3 refuses a second PUT, with 412, only while the first upload is still waiting there)
        byte[] replayed = other.clone();
        replayed[replayed.length - 20] ^= 0x55;
        Reply second = client.put(uploadUrl(ticket), TicketClient.headers(ticket), replayed);
        assertTrue(second.status() == 200 || second.status() == 412, second.status() + " " + second.text());
        waitUntilGone(TicketClient.uploadKey(ticket));

        // Then the link serves the first upload, and the status stays published
        assertArrayEquals(other, client.get(URI.create(ticket.get("url").getAsString()), Map.of()).body());
        assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());
    }

    private static void waitUntilGone(String key) {
        for (int i = 0; i < 3000 && stack.store().blobExists(stack.bucket(), key); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertFalse(stack.store().blobExists(stack.bucket(), key), key + " is still waiting after 30 s");
    }

    @Test
    void s3Refuses_bytesThatDoNotMatchTheChecksum() {
        JsonObject ticket = ticketFor(IMAGE);
        byte[] tampered = IMAGE.clone();
        tampered[tampered.length / 2] ^= 0x01;

        Reply put = client.upload(ticket, tampered);

        assertTrue(put.status() == 400, put.status() + " " + put.text());
        assertEquals("BadDigest", put.s3ErrorCode());
        assertFalse(stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket)));
    }

    @Test
    void s3Refuses_aPutWithoutASignedHeader() {
        JsonObject ticket = ticketFor(IMAGE);
        Map<String, String> headers = new LinkedHashMap<>(TicketClient.headers(ticket));
        headers.remove("if-none-match");

        Reply put = client.put(uploadUrl(ticket), headers, IMAGE);

        assertRefused(put, 403, "SignatureDoesNotMatch", ticket);
    }

    @Test
    void s3Refuses_anExpiredUrl(@TempDir Path otherData) throws InterruptedException {
        try (LocalStack shortLived = LocalStack.start(LocalSettings.forTests(otherData),
                Map.of("PINHOLE_URL_LIFETIME_SECONDS", "1"), LocalOptions.TESTS)) {
            TicketClient shortClient = new TicketClient(shortLived.baseUrl());
            JsonObject ticket = shortClient.requestTicket("png", IMAGE, true).json();
            Thread.sleep(2100); // the URL's signed lifetime is one second; waiting is the only way past it

            Reply put = shortClient.upload(ticket, IMAGE);

            assertEquals(403, put.status(), put.text());
            assertEquals("AccessDenied", put.s3ErrorCode());
            assertFalse(shortLived.store().blobExists(shortLived.bucket(), TicketClient.uploadKey(ticket)));
        }
    }

    private static void assertRefused(Reply put, int status, String s3Code, JsonObject ticket) {
        assertEquals(status, put.status(), put.text());
        assertEquals(s3Code, put.s3ErrorCode());
        assertFalse(stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket)),
                "nothing may be stored after a refused upload");
    }

    private static URI uploadUrl(JsonObject ticket) {
        return URI.create(ticket.getAsJsonObject("upload").get("url").getAsString());
    }
}
