package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.testkit.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server the script should not trust: it hands out tickets of its own making, meant to make curl read a
 * local file into the request's headers, write over a local file, or print terminal control codes. The
 * script must check the ticket before it uses any of it. Also: the upload token never goes over plain http
 * to another machine unless the user says so.
 */
class HostileServerTest {
    /** What a credentials file looks like; if it ever reaches a server, the script leaked a local file. */
    static final String CANARY = "Authorization: Bearer canary-6f1d0c";
    static final String PRECIOUS = "a local file the upload must never write";

    @TempDir
    Path sandbox;
    UploadScript script;
    Path image;
    Path secret;
    Path victim;

    @BeforeAll
    static void tools() {
        UploadScript.requireTools();
    }

    @BeforeEach
    void files() throws IOException {
        script = new UploadScript(sandbox);
        image = script.file("shot.png", SampleImages.png(10, 10));
        secret = script.file("git-credentials", (CANARY + "\n").getBytes());
        victim = script.file("victim.txt", PRECIOUS.getBytes());
    }

    /** Tickets that would turn curl against this machine if used as they are. */
    static Stream<Arguments> hostileTickets() {
        return Stream.of(
                Arguments.of("a header value with a line break, then @<file>", "{\"content-type\":\"image/png\\n@SECRET\"}",
                        "UPLOAD", "a header value is not a single line of text"),
                Arguments.of("a header name with line breaks around @<file>", "{\"x-a\\n@SECRET\\nx-b\":\"v\"}",
                        "UPLOAD", "a header name is not a valid HTTP header name"),
                Arguments.of("a header value with a carriage return", "{\"x-a\":\"v\\r\\nx-b: w\"}",
                        "UPLOAD", "a header value is not a single line of text"),
                Arguments.of("a header value with a NUL byte", "{\"x-a\":\"v\\u0000w\"}",
                        "UPLOAD", "a header value is not a single line of text"),
                Arguments.of("a header name with a colon", "{\"x-a: v\\n@SECRET\":\"w\"}",
                        "UPLOAD", "a header name is not a valid HTTP header name"),
                Arguments.of("an upload address that is a local file", "{}", "file://VICTIM",
                        "the upload address is not an http(s) address on one line"),
                Arguments.of("an upload address that is a local file, in capitals", "{}", "FILE://VICTIM",
                        "the upload address is not an http(s) address on one line"),
                Arguments.of("an upload address that is a curl option", "{}", "-oVICTIM",
                        "the upload address is not an http(s) address on one line"),
                Arguments.of("an upload address of another protocol", "{}", "ftp://127.0.0.1:9/VICTIM",
                        "the upload address is not an http(s) address on one line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTickets")
    void hostileTicket_isRefusedBeforeUse_noLocalFileIsReadOrWritten(String what, String headers, String uploadUrl,
                                                                   String reason) throws IOException {
        try (FrontServer storage = FrontServer.recording()) {
            // Given a server whose ticket, if used as it is, reads or writes a local file
            String upload = uploadUrl.equals("UPLOAD") ? storage.baseUrl() + "/bucket/i/x.png?X-Amz-Signature=0"
                    : uploadUrl.replace("VICTIM", victim.toString());
            String ticket = ticket(storage.baseUrl() + "/i/x.png", upload,
                    headers.replace("SECRET", secret.toString()));
            try (FrontServer api = FrontServer.answering(ticket)) {
                // When the script uploads an image through it
                UploadScript.Result result = script.run("--endpoint", api.baseUrl().toString(), image.toString());

                // Then it refuses the ticket, says why in one line, and exits 6 without a retry
                result.exits(6).saysOnStderr("upload.sh: " + image + ": the server at " + api.baseUrl()
                        + " sent a ticket this script will not use: " + reason);
                assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
                assertEquals(1, api.ticketRequests(), "a hostile ticket is not worth a retry");
                assertEquals("", result.stdout());
            }
            // and nothing reached the storage, no local file went anywhere, and none was written
            assertEquals(List.of(), storage.recorded());
            assertEquals(PRECIOUS, Files.readString(victim));
            assertEquals(CANARY + "\n", Files.readString(secret));
        }
    }

    /** Delete actions (or a removeAfter) that would turn curl against this machine, or the terminal, if used. */
    static Stream<Arguments> hostileDeleteFields() {
        return Stream.of(
                Arguments.of("a delete header value with a line break, then @<file>",
                        "\"delete\":{\"method\":\"DELETE\",\"url\":\"http://127.0.0.1:9/x\",\"headers\":{\"x-a\":\"v\\n@SECRET\"}}",
                        "its delete action is not a method, an http(s) address on one line and plain headers"),
                Arguments.of("a delete address that is a local file",
                        "\"delete\":{\"method\":\"DELETE\",\"url\":\"file://VICTIM\",\"headers\":{}}",
                        "its delete action is not a method, an http(s) address on one line and plain headers"),
                Arguments.of("a delete method that is a curl option",
                        "\"delete\":{\"method\":\"-oVICTIM\",\"url\":\"http://127.0.0.1:9/x\",\"headers\":{}}",
                        "its delete action is not a method, an http(s) address on one line and plain headers"),
                Arguments.of("a removeAfter with terminal control codes", "\"removeAfter\":\"2030\\u001b]0;pwned\\u0007\"",
                        "its removeAfter is not an ISO-8601 UTC time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDeleteFields")
    void hostileDeleteActionInATicket_isRefusedBeforeUse(String what, String field, String reason) throws IOException {
        try (FrontServer storage = FrontServer.recording()) {
            // Given a ticket that is fine but for this field
            String ticket = ticket(storage.baseUrl() + "/i/x.png", storage.baseUrl() + "/bucket/i/x.png", "{}");
            ticket = ticket.substring(0, ticket.length() - 1) + ","
                    + field.replace("SECRET", secret.toString()).replace("VICTIM", victim.toString()) + "}";
            try (FrontServer api = FrontServer.answering(ticket)) {
                // When the script uploads through it
                UploadScript.Result result = script.run("--endpoint", api.baseUrl().toString(), image.toString());

                // Then nothing is uploaded or saved, and no local file is read or written
                result.exits(6).saysOnStderr("sent a ticket this script will not use: " + reason);
                assertFalse(result.stderr().contains("\u001b"), result.stderr());
            }
            assertEquals(List.of(), storage.recorded());
            assertFalse(script.stateFile().exists());
            assertEquals(PRECIOUS, Files.readString(victim));
        }
    }

    @Test
    void hostileSavedLineForDelete_isAUsageError_andNothingIsReadOrWritten() throws IOException {
        for (String delete : List.of("{\"method\":\"DELETE\",\"url\":\"file://VICTIM\",\"headers\":{}}",
                "{\"method\":\"DELETE\",\"url\":\"http://127.0.0.1:9/x\",\"headers\":{\"x-a\":\"v\\n@SECRET\"}}",
                "{\"method\":\"-oVICTIM\",\"url\":\"http://127.0.0.1:9/x\"}")) {
            String line = "{\"link\":\"http://127.0.0.1:9/i/x.png\",\"delete\":"
                    + delete.replace("SECRET", secret.toString()).replace("VICTIM", victim.toString()) + "}";

            script.run("--delete", line).exits(2).saysOnStderr("has no delete action this script will use");
        }
        assertEquals(PRECIOUS, Files.readString(victim));
    }

    @Test
    void linkWithTerminalControlCodes_isNotPrinted() {
        try (FrontServer storage = FrontServer.recording()) {
            // Given a ticket whose link would retitle (or worse) the terminal it is printed on
            String link = storage.baseUrl() + "/i/x.png\\u001b]0;pwned\\u0007";
            try (FrontServer api = FrontServer.answering(ticket(link, storage.baseUrl() + "/bucket/i/x.png", "{}"))) {
                // When the script uploads through it
                UploadScript.Result result = script.run("--endpoint", api.baseUrl().toString(), image.toString());

                // Then nothing is printed on stdout, and nothing was sent
                result.exits(6).saysOnStderr("the link is not an http(s) address on one line");
                assertEquals("", result.stdout());
            }
            assertEquals(List.of(), storage.recorded());
        }
    }

    @Test
    void wellFormedTicketFromAnotherServer_isUsedAsIs() {
        try (FrontServer storage = FrontServer.recording()) {
            // Given a ticket in every way like Pinhole's, from a server that is not the local stack
            String ticket = ticket(storage.baseUrl() + "/i/x.png", storage.baseUrl() + "/bucket/i/x.png?X-Amz-Signature=0",
                    "{\"content-type\":\"image/png\",\"if-none-match\":\"*\",\"x-amz-checksum-sha256\":\"ab+/cd==\"}");
            try (FrontServer api = FrontServer.answering(ticket)) {
                // When the script uploads through it
                UploadScript.Result result = script.run("--endpoint", api.baseUrl().toString(), image.toString());

                // Then it PUTs the image with exactly those headers, and prints the link
                assertEquals(storage.baseUrl() + "/i/x.png\n", result.exits(0).stdout());
            }
            assertEquals(1, storage.recorded().size());
            String put = storage.recorded().get(0);
            assertTrue(put.startsWith("PUT /bucket/i/x.png?X-Amz-Signature=0\n"), put);
            for (String header : new String[] {"Content-type: image/png", "If-none-match: *",
                    "X-amz-checksum-sha256: ab+/cd=="}) {
                assertTrue(put.contains("\n" + header + "\n"), header + " in\n" + put);
            }
        }
    }

    @Test
    void token_isNotSentOverPlainHttpToAnotherMachine_unlessTheUserInsists() {
        // Given an http:// endpoint on another machine, reached through a proxy that records what it is sent
        // (so that nothing leaves this machine), and an upload token
        try (FrontServer proxy = FrontServer.recording()) {
            script.env("http_proxy", proxy.baseUrl().toString()).env("PINHOLE_TOKEN", "s3cr3t-token");

            // When the script runs without being told to send the token anyway
            UploadScript.Result refused = script.run("--endpoint", "http://images.example.com", image.toString());

            // Then it refuses before sending anything, and says how to proceed
            refused.exits(2).saysOnStderr("upload.sh: refusing to send the upload token over plain http to"
                    + " images.example.com, where anyone on the network path can read it; use an https:// endpoint,"
                    + " or add --send-token-over-http to send it anyway (try --help)");
            assertEquals(List.of(), proxy.recorded());

            // and when the user insists, the token is sent
            script.run("--send-token-over-http", "--endpoint", "http://images.example.com", image.toString());
            assertFalse(proxy.recorded().isEmpty(), "the ticket request went out");
            assertTrue(proxy.recorded().get(0).contains("\nX-pinhole-token: s3cr3t-token\n"), proxy.recorded().get(0));
        }
    }

    /** A ticket in the shape of Pinhole's, with the given link, upload address and headers (a JSON object). */
    private static String ticket(String link, String uploadUrl, String headersJson) {
        return "{\"key\":\"i/x.png\",\"url\":\"" + link + "\",\"contentType\":\"image/png\",\"upload\":{\"method\":\"PUT\","
                + "\"url\":\"" + uploadUrl + "\",\"headers\":" + headersJson + "},\"expiresAt\":\"2030-01-01T00:00:00Z\"}";
    }
}
