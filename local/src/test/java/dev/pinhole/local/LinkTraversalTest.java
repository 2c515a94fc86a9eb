package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The links (/i/*) and the page (/) never serve anything but what they are for. Bait is laid where a
 * traversal would land: objects outside i/ in the bucket, an over-long key inside i/, a key in another
 * bucket, and files outside the store and outside web/. Requests go over a raw socket, so every path
 * reaches the server exactly as written (no client-side normalisation or encoding).
 */
class LinkTraversalTest {
    private static final String MARKER = "BAIT-7f3a9c";
    /** A key ImageLinks would accept were it under i/: 22 characters and an extension. */
    private static final String NAME = "AAAAAAAAAAAAAAAAAAAAAA.png";
    private static final String LONG_KEY = "i/" + "B".repeat(65) + ".png";

    @TempDir
    static Path data;
    @TempDir
    static Path outside;
    static LocalStack stack;
    static String key;
    static byte[] image = SampleImages.png(32, 32);

    @BeforeAll
    static void layBait() throws IOException {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        TicketClient client = new TicketClient(stack.baseUrl());
        JsonObject ticket = client.requestTicket("png", image, true).json();
        client.uploadAndAwaitPublished(ticket, image);
        key = ticket.get("key").getAsString();

        put(stack.bucket(), NAME);                      // bucket root, outside i/
        put(stack.bucket(), "private/" + NAME);         // another prefix
        put(stack.bucket(), "x/i/" + NAME);             // i/ not at the start
        put(stack.bucket(), LONG_KEY);                  // in i/, but longer than any minted key
        stack.store().createContainer("other-bucket");
        put("other-bucket", "i/" + NAME);               // the right shape, in another bucket
        Files.writeString(data.resolve(NAME), MARKER);  // the data directory, beside the store
        Files.writeString(outside.resolve(NAME), MARKER);
    }

    /** Every path tried and what it got, for the traversal table in docs/SECURITY.md. */
    static final java.util.List<String> rows = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() throws IOException {
        stack.close();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/link-traversal.md"), "| request path (as sent) | status |\n|---|---|\n"
                + String.join("\n", rows) + "\n");
    }

    private static RawHttp.Response get(String path) {
        RawHttp.Response response = RawHttp.send(stack.baseUrl(), "GET", path, Map.of(), new byte[0]);
        String shown = path.replace(data.toString(), "<data>").replace(outside.toString(), "<outside>")
                .replaceAll("junit-[0-9]+", "<tmp>").replace("\0", "<NUL>").replace("|", "\\|");
        rows.add("| `" + (shown.length() > 90 ? shown.substring(0, 60) + "...(" + shown.length() + " chars)" : shown)
                + "` | " + response.status() + " |");
        return response;
    }

    private static void put(String bucket, String objectKey) {
        byte[] bait = MARKER.getBytes(StandardCharsets.UTF_8);
        stack.store().putBlob(PutObjectRequest.builder().bucket(bucket).key(objectKey).contentType("image/png")
                .contentLength((long) bait.length).build(), new ByteArrayInputStream(bait));
    }

    static Stream<String> linkAttacks() {
        return Stream.of(
                "/i/../" + NAME, "/i/..%2f" + NAME, "/i/%2e%2e/" + NAME, "/i/%2e%2e%2f" + NAME, "/i/%2E%2E%2F" + NAME,
                "/i/%252e%252e%252f" + NAME, "/i/..%252f" + NAME, "/i/..\\" + NAME, "/i/..%5c" + NAME,
                "/i/%c0%ae%c0%ae/" + NAME, "/i/./../" + NAME, "/i/../private/" + NAME, "/i/../x/i/" + NAME,
                "/i/../../" + NAME, "/i/../../../" + NAME, "/i/%2e%2e/%2e%2e/" + NAME,
                "/i/" + "../".repeat(12) + outside.toString().substring(1) + "/" + NAME,
                "/i%2f" + NAME, "/i%2F" + NAME, "/i/%2f" + NAME, "//i/" + NAME, "/i//" + NAME, "/I/" + NAME,
                "/private/" + NAME, "/x/i/" + NAME, "/" + NAME, "/other-bucket/i/" + NAME,
                "/i/../other-bucket/i/" + NAME, "/" + LONG_KEY, "/i/" + "C".repeat(5000) + ".png",
                "/i/" + NAME + "%00", "/i/" + NAME + "%00.png", "/i/" + NAME.replace(".png", "%00.png"),
                "/i/" + NAME + "/", "/i/" + NAME + ";x", "/i/" + NAME.replace(".png", ".PNG"),
                "/i/" + NAME.replace(".png", ".png.html"), "/i/" + NAME.replace(".png", ".pngpngpngpn"),
                "/i/" + NAME.replace("A", "%41"), "/i/" + NAME.replace("A", "\uff21"), "/i/" + "../".repeat(12) + data.toString().substring(1) + "/" + NAME,
                "/i/" + "..%2f".repeat(8) + "etc%2fpasswd", "/i/../../../../../../etc/passwd");
    }

    @ParameterizedTest
    @MethodSource("linkAttacks")
    void link_refusesPathsThatAreNotAMintedKey_andNeverServesBait(String path) {
        RawHttp.Response response = get(path);

        assertTrue(response.status() == 404 || response.status() == 400, path + " -> " + response.status());
        assertFalse(response.text().contains(MARKER), path + " served bait");
        assertFalse(response.text().contains("root:"), path + " served /etc/passwd");
    }

    @Test
    void link_rawNulByteInThePath_isRefused() {
        RawHttp.Response response = get("/i/" + NAME.replace(".png", "\0.png"));

        assertTrue(response.status() == 400 || response.status() == 404, String.valueOf(response.status()));
        assertFalse(response.text().contains(MARKER));
    }

    @Test
    void link_servesTheMintedKey_evenWithAQueryThatLooksLikeATraversal() {
        RawHttp.Response plain = RawHttp.send(stack.baseUrl(), "GET", "/" + key, Map.of(), new byte[0]);
        RawHttp.Response withQuery = RawHttp.send(stack.baseUrl(), "GET", "/" + key + "?x=../../" + NAME, Map.of(),
                new byte[0]);

        assertEquals(200, plain.status());
        assertEquals(200, withQuery.status());
        assertArrayEquals(image, plain.body());
        assertFalse(withQuery.text().contains(MARKER));
    }

    @Test
    void baitIsReallyThere_soTheRefusalsAboveMeanSomething() {
        assertTrue(stack.store().blobExists(stack.bucket(), NAME));
        assertTrue(stack.store().blobExists(stack.bucket(), "private/" + NAME));
        assertTrue(stack.store().blobExists(stack.bucket(), LONG_KEY));
        assertTrue(stack.store().blobExists("other-bucket", "i/" + NAME));
        assertTrue(Files.exists(outside.resolve(NAME)));
    }

    static Stream<String> pageAttacks() {
        return Stream.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2e%2e%2fpom.xml", "/..%2fpom.xml", "/%252e%252e/pom.xml",
                "/..\\pom.xml", "/..%5cpom.xml", "/web/../../pom.xml", "/./../pom.xml", "/index.html%00",
                "//etc/passwd", "/" + outside.resolve(NAME), "/%2f" + outside.resolve(NAME).toString().substring(1),
                "/../" + data.getFileName() + "/credentials.properties", "/.hidden", "/%2e%2e/%2e%2e/etc/passwd",
                "/../../../../../../etc/passwd", "/../local/pom.xml");
    }

    @ParameterizedTest
    @MethodSource("pageAttacks")
    void page_refusesPathsOutsideWeb(String path) {
        RawHttp.Response response = get(path);

        assertTrue(response.status() == 404 || response.status() == 400, path + " -> " + response.status());
        assertFalse(response.text().contains(MARKER), path + " served bait");
        assertFalse(response.text().contains("<modelVersion>"), path + " served a pom.xml");
        assertFalse(response.text().contains("root:"), path + " served /etc/passwd");
    }

    @Test
    void page_stillServesIndex() {
        RawHttp.Response response = RawHttp.send(stack.baseUrl(), "GET", "/", Map.of(), new byte[0]);

        assertEquals(200, response.status());
        assertTrue(response.text().toLowerCase().contains("<html"), response.text());
    }
}
