package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a holder of a ticket can deviate from it, tried against a real S3 server (S3Proxy), with what it
 * answered recorded in target/misuse-matrix.md (the table in docs/SECURITY.md). Each row asserts the refusal
 * and, just as important, that nothing was stored under the ticket's key or any other.
 */
class MisuseMatrixTest {
    static final Path TABLE = Path.of("target/misuse-matrix.md");
    static final byte[] IMAGE = SampleImages.png(64, 48);

    @TempDir
    static Path data;
    @TempDir
    static Path shortLivedData;
    static LocalStack stack;
    static LocalStack shortLived;
    static TicketClient client;
    static JsonObject expiringTicket;
    static final List<String> rows = new ArrayList<>();

    @BeforeAll
    static void startStacks() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
        // Issued first so that its one-second lifetime has long passed when its row runs.
        shortLived = LocalStack.start(LocalSettings.forTests(shortLivedData),
                Map.of("PINHOLE_URL_LIFETIME_SECONDS", "1"), LocalOptions.TESTS);
        expiringTicket = new TicketClient(shortLived.baseUrl()).requestTicket("png", IMAGE, true).json();
    }

    @AfterAll
    static void writeTableAndStop() throws IOException {
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, "| misuse | S3Proxy status | S3 error code | stored |\n|---|---|---|---|\n"
                + String.join("\n", rows) + "\n");
        stack.close();
        shortLived.close();
    }

    /** A deviation from the ticket and the answer a real S3 must give. */
    record Misuse(String name, int status, String s3Code, Function<JsonObject, Outcome> attempt) {
    }

    record Outcome(int status, String s3Code, String otherKey) {
        static Outcome of(Reply reply) {
            return new Outcome(reply.status(), reply.s3ErrorCode(), null);
        }

        static Outcome of(RawHttp.Response response) {
            return new Outcome(response.status(), response.s3ErrorCode(), null);
        }
    }

    @TestFactory
    Stream<DynamicTest> s3RefusesEveryDeviationThatMatters_andStoresNothingButTheTicketsBytes() {
        return Stream.of(
                new Misuse("Content-Type swapped (text/html instead of the signed image/png)", 403,
                        "SignatureDoesNotMatch", t -> put(t, with(t, "content-type", "text/html"), IMAGE)),
                new Misuse("body one byte longer than the signed Content-Length", 403, "SignatureDoesNotMatch",
                        t -> put(t, headers(t), Arrays.copyOf(IMAGE, IMAGE.length + 1))),
                new Misuse("body one byte shorter than the signed Content-Length", 403, "SignatureDoesNotMatch",
                        t -> put(t, headers(t), Arrays.copyOf(IMAGE, IMAGE.length - 1))),
                new Misuse("another key in the URL path (i/chosen-by-client.png)", 403, "SignatureDoesNotMatch",
                        MisuseMatrixTest::otherKey),
                new Misuse("query tampered: X-Amz-Expires raised from 300 to 604800", 403, "SignatureDoesNotMatch",
                        t -> putTo(url(t).replace("X-Amz-Expires=300", "X-Amz-Expires=604800"), headers(t))),
                new Misuse("query tampered: if-none-match removed from X-Amz-SignedHeaders, header not sent", 403,
                        "SignatureDoesNotMatch", t -> putTo(url(t).replace("%3Bif-none-match", ""),
                                without(t, "if-none-match"))),
                new Misuse("query tampered: an extra parameter appended (&x-id=PutObject)", 403,
                        "SignatureDoesNotMatch", t -> putTo(url(t) + "&x-id=PutObject", headers(t))),
                new Misuse("signed header left out: If-None-Match", 403, "SignatureDoesNotMatch",
                        t -> put(t, without(t, "if-none-match"), IMAGE)),
                new Misuse("signed header left out: x-amz-checksum-sha256", 403, "SignatureDoesNotMatch",
                        t -> put(t, without(t, "x-amz-checksum-sha256"), IMAGE)),
                new Misuse("bytes that do not match the signed x-amz-checksum-sha256 (one bit flipped)", 400,
                        "BadDigest", t -> put(t, headers(t), flipOneBit(IMAGE))),
                new Misuse("another host in the URL: localhost instead of the signed 127.0.0.1", 403,
                        "SignatureDoesNotMatch", t -> putTo(url(t).replace("//127.0.0.1:", "//localhost:"), headers(t))),
                new Misuse("Host header changed (connection to 127.0.0.1, Host: localhost)", 403,
                        "SignatureDoesNotMatch", MisuseMatrixTest::otherHostHeader),
                // Not refused by S3Proxy (AWS S3 refuses unsigned x-amz-* headers): the upload stands, but type,
                // size, key and bytes are still exactly the ticket's.
                new Misuse("unsigned header added: x-amz-acl: public-read", 200, null,
                        t -> put(t, with(t, "x-amz-acl", "public-read"), IMAGE)),
                // Not refused by S3Proxy nor by AWS S3: only host and x-amz-* must be signed.
                new Misuse("unsigned standard header added: Content-Disposition: attachment; filename=x.html", 200,
                        null, t -> put(t, with(t, "content-disposition", "attachment; filename=x.html"), IMAGE)),
                new Misuse("Content-Length left out (body sent chunked)", 403, "SignatureDoesNotMatch",
                        MisuseMatrixTest::chunked),
                new Misuse("upload URL used with GET (to read instead of write)", 403, "SignatureDoesNotMatch",
                        t -> Outcome.of(client.get(URI.create(url(t)), Map.of()))),
                new Misuse("expired URL (1 s lifetime, used after it)", 403, "AccessDenied",
                        t -> expired()),
                // S3 refuses a second PUT (412) only while the first upload waits under u/; once published, the
                // key is free, S3 stores the replay, and the publisher drops it: the link keeps the first image.
                new Misuse("replay: the same ticket used again after its image was published", 200, null,
                        MisuseMatrixTest::replay)
        ).map(misuse -> DynamicTest.dynamicTest(misuse.name(), () -> run(misuse)));
    }

    private static void run(Misuse misuse) {
        JsonObject ticket = client.requestTicket("png", IMAGE, true).json();
        String key = TicketClient.uploadKey(ticket);

        Outcome outcome = misuse.attempt().apply(ticket);

        boolean replay = misuse.name().startsWith("replay");
        boolean accepted = misuse.status() == 200;
        boolean stored = stack.store().blobExists(stack.bucket(), key)
                || stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString());
        rows.add("| " + misuse.name() + " | " + outcome.status() + " | " + (outcome.s3Code() == null ? "-" : outcome.s3Code())
                + " | " + (replay ? "original only, unchanged" : accepted ? "yes, the ticket's exact bytes and type"
                : stored || outcome.otherKey() != null ? "yes" : "no") + " |");
        assertEquals(misuse.status(), outcome.status(), misuse.name());
        assertEquals(misuse.s3Code(), outcome.s3Code(), misuse.name());
        if (replay || accepted) {
            assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString(), misuse.name());
            Reply link = client.get(URI.create(ticket.get("url").getAsString()), Map.of());
            assertArrayEquals(IMAGE, link.body());
            assertEquals("image/png", link.header("content-type"));
        } else {
            assertFalse(stored, "nothing may be stored under " + key);
        }
        assertTrue(outcome.otherKey() == null, "stored under a key the client chose: " + outcome.otherKey());
    }

    private static Outcome otherKey(JsonObject ticket) {
        String chosen = "i/chosen-by-client.png";
        Reply reply = putTo(url(ticket).replace(TicketClient.uploadKey(ticket), chosen), headers(ticket), IMAGE);
        boolean stored = stack.store().blobExists(stack.bucket(), chosen);
        return new Outcome(reply.status(), reply.s3ErrorCode(), stored ? chosen : null);
    }

    private static Outcome otherHostHeader(JsonObject ticket) {
        URI upload = URI.create(url(ticket));
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        headers.put("Host", "localhost:" + upload.getPort());
        return Outcome.of(RawHttp.send(upload, "PUT", upload.getRawPath() + "?" + upload.getRawQuery(), headers, IMAGE));
    }

    private static Outcome chunked(JsonObject ticket) {
        URI upload = URI.create(url(ticket));
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        headers.put("Transfer-Encoding", "chunked");
        byte[] chunkedBody = chunk(IMAGE);
        return Outcome.of(RawHttp.sendWithoutLength(upload, "PUT", upload.getRawPath() + "?" + upload.getRawQuery(),
                headers, chunkedBody));
    }

    private static byte[] chunk(byte[] body) {
        byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(head, head.length + body.length + tail.length);
        System.arraycopy(body, 0, result, head.length, body.length);
        System.arraycopy(tail, 0, result, head.length + body.length, tail.length);
        return result;
    }

    private static Outcome expired() {
        Instant expiresAt = Instant.parse(expiringTicket.get("expiresAt").getAsString());
        sleepUntil(expiresAt.plus(Duration.ofMillis(1100)));
        TicketClient shortClient = new TicketClient(shortLived.baseUrl());
        Reply reply = shortClient.upload(expiringTicket, IMAGE);
        assertFalse(shortLived.store().blobExists(shortLived.bucket(), TicketClient.uploadKey(expiringTicket)));
        return Outcome.of(reply);
    }

    private static Outcome replay(JsonObject ticket) {
        client.uploadAndAwaitPublished(ticket, IMAGE);
        // Another checksum would be refused (BadDigest): only the same bytes can be replayed with this ticket.
        Outcome outcome = Outcome.of(client.upload(ticket, IMAGE));
        waitUntilHandled(TicketClient.uploadKey(ticket));
        return outcome;
    }

    private static void waitUntilHandled(String uploadKey) {
        for (int i = 0; i < 3000 && stack.store().blobExists(stack.bucket(), uploadKey); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Outcome put(JsonObject ticket, Map<String, String> headers, byte[] body) {
        return Outcome.of(client.put(URI.create(url(ticket)), headers, body));
    }

    private static Outcome putTo(String url, Map<String, String> headers) {
        return Outcome.of(putTo(url, headers, IMAGE));
    }

    private static Reply putTo(String url, Map<String, String> headers, byte[] body) {
        return client.put(URI.create(url), headers, body);
    }

    private static String url(JsonObject ticket) {
        return ticket.getAsJsonObject("upload").get("url").getAsString();
    }

    private static Map<String, String> headers(JsonObject ticket) {
        return TicketClient.headers(ticket);
    }

    private static Map<String, String> with(JsonObject ticket, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        headers.put(name, value);
        return headers;
    }

    private static Map<String, String> without(JsonObject ticket, String name) {
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        assertTrue(headers.remove(name) != null, name + " is among the signed headers");
        return headers;
    }

    private static byte[] flipOneBit(byte[] image) {
        byte[] copy = image.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private static void sleepUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis); // a URL's lifetime can only be passed by waiting it out
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
