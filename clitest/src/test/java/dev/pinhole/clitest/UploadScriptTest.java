package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/upload.sh against the local stack with its default settings. */
class UploadScriptTest {
    static final byte[] PNG = SampleImages.png(64, 48);
    static final byte[] JPEG = SampleImages.jpeg(64, 48);

    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient http;

    @TempDir
    Path sandbox;
    UploadScript script;

    @BeforeAll
    static void startStack() {
        UploadScript.requireTools();
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of());
        http = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void sandbox() {
        script = new UploadScript(sandbox).env("PINHOLE_URL", stack.baseUrl().toString());
    }

    /** A link of this stack: the public base URL, a minted key, the expected extension. */
    static Pattern linkPattern(String extensions) {
        return Pattern.compile(Pattern.quote(stack.baseUrl().toString()) + "/i/[A-Za-z0-9_-]{22,64}\\.(" + extensions + ")");
    }

    static void assertServes(String link, byte[] expected, String contentType) {
        Reply reply = http.get(URI.create(link), Map.of());
        assertEquals(200, reply.status(), link);
        assertArrayEquals(expected, reply.body(), "the link must serve exactly the uploaded bytes");
        assertEquals(contentType, reply.header("content-type"));
    }

    @Test
    void file_printsOneLink_thatServesIdenticalBytes() {
        Path image = script.file("screenshot.png", PNG);

        UploadScript.Result result = script.run(image.toString()).exits(0);

        assertEquals(1, result.lines().size(), result.stdout());
        String link = result.lines().get(0);
        assertTrue(linkPattern("png").matcher(link).matches(), link);
        assertServes(link, PNG, "image/png");
        assertEquals("", result.stderr(), "nothing on stderr when it is not a terminal and all went well");
    }

    @Test
    void onATerminal_progressGoesToStderr_andStdoutStillHoldsOnlyTheLink() throws IOException {
        Path image = script.file("screenshot.png", PNG);
        Path stdout = sandbox.resolve("links.txt");

        UploadScript.Result result = script.runOnTerminal(stdout, image.toString()).exits(0);

        String link = Files.readString(stdout).strip();
        assertTrue(linkPattern("png").matcher(link).matches(), link);
        assertTrue(result.stdout().contains("Uploading " + image + " (" + PNG.length + " bytes)"), result.stdout());
        assertTrue(result.stdout().contains("100.0%"), "curl's progress bar: " + result.stdout());
        assertFalse(result.stdout().contains(link), "the link is not on the terminal, only on stdout");
    }

    @Test
    void stdinPng_typeComesFromMagicBytes() {
        UploadScript.Result result = script.stdin(PNG).run("-").exits(0);

        String link = result.stdout().strip();
        assertTrue(linkPattern("png").matcher(link).matches(), link);
        assertServes(link, PNG, "image/png");
    }

    @Test
    void stdinJpeg_typeComesFromMagicBytes() {
        UploadScript.Result result = script.stdin(JPEG).run("-").exits(0);

        String link = result.stdout().strip();
        assertTrue(linkPattern("jpg|jpeg").matcher(link).matches(), link);
        assertServes(link, JPEG, "image/jpeg");
    }

    @Test
    void stdinOfUnknownType_isRefusedLocally_andExtNamesTheType() {
        byte[] bytes = "not an image header".getBytes(StandardCharsets.US_ASCII);

        UploadScript.Result unknown = script.stdin(bytes).run("-");
        UploadScript.Result named = script.stdin(PNG).run("--ext", "PNG", "-");

        unknown.exits(3).saysOnStderr("upload.sh: standard input: cannot tell the image type")
                .saysOnStderr("--ext");
        assertEquals("", unknown.stdout());
        assertTrue(linkPattern("png").matcher(named.exits(0).stdout().strip()).matches(), named.stdout());
    }

    @Test
    void fileWithoutExtension_typeComesFromMagicBytes() {
        Path image = script.file("capture", JPEG);

        String link = script.run(image.toString()).exits(0).stdout().strip();

        assertTrue(linkPattern("jpg").matcher(link).matches(), link);
        assertServes(link, JPEG, "image/jpeg");
    }

    @Test
    void severalFiles_printOneLinkEach_inOrder() {
        Path first = script.file("first.png", PNG);
        Path second = script.file("second.jpeg", JPEG);

        UploadScript.Result result = script.run(first.toString(), second.toString()).exits(0);

        assertEquals(2, result.lines().size(), result.stdout());
        assertServes(result.lines().get(0), PNG, "image/png");
        assertServes(result.lines().get(1), JPEG, "image/jpeg");
        assertTrue(result.lines().get(1).endsWith(".jpeg"));
    }

    @Test
    void severalFiles_failuresDoNotStopTheOthers_andStdoutHoldsOnlyLinks() {
        Path good = script.file("good.png", PNG);
        Path notes = script.file("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        Path alsoGood = script.file("also-good.jpg", JPEG);

        UploadScript.Result result = script.run(good.toString(), "missing.png", notes.toString(),
                alsoGood.toString());

        result.exits(3).saysOnStderr("missing.png: no such file").saysOnStderr("notes.txt: refused by the server");
        assertEquals(2, result.lines().size(), "exactly one line per uploaded file:\n" + result.stdout());
        assertServes(result.lines().get(0), PNG, "image/png");
        assertServes(result.lines().get(1), JPEG, "image/jpeg");
    }

    @Test
    void unsupportedExtension_printsTheApisMessage_andExits4() {
        Path notes = script.file("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));

        UploadScript.Result result = script.run(notes.toString());

        result.exits(4).saysOnStderr("upload.sh: " + notes + ": refused by the server: "
                + "This file type is not accepted. Allowed types: avif, gif, jpeg, jpg, png, webp.");
        assertEquals("", result.stdout());
    }

    @Test
    void missingFile_exits3_namingIt() {
        UploadScript.Result result = script.run("no-such-shot.png");

        result.exits(3).saysOnStderr("upload.sh: no-such-shot.png: no such file");
        assertEquals("", result.stdout());
    }

    @Test
    void emptyFileAndDirectory_exit3() {
        Path empty = script.file("empty.png", new byte[0]);

        UploadScript.Result result = script.run(empty.toString(), sandbox.toString());

        result.exits(3).saysOnStderr("empty.png: is empty").saysOnStderr("is a directory");
        assertEquals("", result.stdout());
    }

    @Test
    void json_printsTheTicketResponse_oneLinePerFile() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--json", image.toString(), image.toString()).exits(0);

        assertEquals(2, result.lines().size(), result.stdout());
        for (String line : result.lines()) {
            JsonObject ticket = JsonParser.parseString(line).getAsJsonObject();
            assertEquals("image/png", ticket.get("contentType").getAsString());
            assertEquals(PNG.length, ticket.get("size").getAsInt());
            assertTrue(ticket.getAsJsonObject("upload").has("headers"));
            assertServes(ticket.get("url").getAsString(), PNG, "image/png");
        }
    }

    @Test
    void endpoint_comesFromConfigFile_whenNeitherOptionNorVariableIsSet() {
        Path image = script.file("shot.png", PNG);
        script.env("PINHOLE_URL", "").config("# my Pinhole\n  endpoint = " + stack.baseUrl() + "/  \n");

        String link = script.run(image.toString()).exits(0).stdout().strip();

        assertServes(link, PNG, "image/png");
    }

    @Test
    void endpointOption_winsOverVariable_andVariableWinsOverConfigFile() {
        Path image = script.file("shot.png", PNG);
        String nowhere = "http://127.0.0.1:" + ScriptWithoutServerTest.closedPort();
        script.config("endpoint = " + nowhere + "\n");

        UploadScript.Result variableWins = script.run(image.toString());
        UploadScript.Result optionWins = script.env("PINHOLE_URL", nowhere)
                .run("--endpoint", stack.baseUrl().toString(), image.toString());

        assertServes(variableWins.exits(0).stdout().strip(), PNG, "image/png");
        assertServes(optionWins.exits(0).stdout().strip(), PNG, "image/png");
    }

    @Test
    void copy_putsTheLinksOnTheClipboard_andStillPrintsThem() throws IOException {
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        Path clipboard = sandbox.resolve("clipboard");
        Path fake = Files.writeString(bin.resolve("wl-copy"), "#!/bin/sh\ncat > '" + clipboard + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path image = script.file("shot.png", PNG);
        script.env("WAYLAND_DISPLAY", "wayland-test").env("PATH", bin + ":" + System.getenv("PATH"));

        UploadScript.Result result = script.run("--copy", image.toString(), image.toString()).exits(0);

        assertEquals(2, result.lines().size());
        assertEquals(String.join("\n", result.lines()), Files.readString(clipboard));
    }

    @Test
    void temporaryFiles_areRemoved_afterSuccessAndFailure() throws IOException {
        Path image = script.file("shot.png", PNG);

        script.stdin(PNG).run("-", image.toString()).exits(0);
        script.stdin(PNG).run("-", "missing.png").exits(3);

        try (Stream<Path> left = Files.list(script.tmpDir())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void serverError_isRetriedOnceWithAFreshTicket() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, stack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            assertServes(result.exits(0).stdout().strip(), PNG, "image/png");
            assertEquals(2, front.ticketRequests());
        }
    }

    @Test
    void tooManyRequests_isRetriedOnce() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, 429, "Too Many Requests", stack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            assertServes(result.exits(0).stdout().strip(), PNG, "image/png");
            assertEquals(2, front.ticketRequests());
        }
    }

    @Test
    void serverErrorTwice_failsWithExit5_afterExactlyOneRetry() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(2, stack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(5).saysOnStderr("the Pinhole server had a problem (HTTP 503)");
            assertEquals(2, front.ticketRequests());
            assertEquals("", result.stdout());
        }
    }

    @Test
    void refusal_isNotRetried() {
        Path notes = script.file("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        try (FrontServer front = FrontServer.failingFirst(0, stack.baseUrl())) {
            script.run("--endpoint", front.baseUrl().toString(), notes.toString()).exits(4);

            assertEquals(1, front.ticketRequests());
        }
    }

    @Test
    void storageRefusal_exits5_withS3sReason_andIsNotRetried() {
        Path image = script.file("shot.png", PNG);
        // The ticket now asks for a Content-Type other than the signed one: S3 must refuse the PUT.
        try (FrontServer front = FrontServer.rewriting(stack.baseUrl(), "\"image/png\"", "\"image/gif\"")) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(5).saysOnStderr("upload failed: the upload did not match its ticket (HTTP 403, "
                    + "SignatureDoesNotMatch)");
            assertEquals("", result.stdout());
            assertEquals(1, front.ticketRequests(), "a refusal by S3 is not worth a retry");
        }
    }

    @Test
    void addressThatIsNotPinhole_exits6_andSaysSo() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.notPinhole()) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(6).saysOnStderr("answered HTTP 404, not like a Pinhole server. Check the address");
            assertEquals(1, front.ticketRequests(), "a 404 is not worth a retry");
        }
    }

    @Test
    void gatewayRefusal_isShown_butNotTakenForPinholesAnswer() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, 403, "Forbidden", stack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(6).saysOnStderr("answered HTTP 403 (Forbidden), not like a Pinhole server");
            assertEquals(1, front.ticketRequests());
        }
    }

    @Test
    void needsNothingButBashCurlJqAndCoreutils() {
        Path image = script.file("shot.png", PNG);
        try (MinimalPath path = MinimalPath.with(sandbox.resolve("minimal-bin"), Set.of("curl", "jq"))) {
            UploadScript.Result result = script.env("PATH", path.path()).stdin(JPEG).run(image.toString(), "-");

            assertEquals(2, result.exits(0).lines().size(), result.stdout());
            assertServes(result.lines().get(0), PNG, "image/png");
            assertServes(result.lines().get(1), JPEG, "image/jpeg");
            assertFalse(path.has("sed") || path.has("openssl") || path.has("xxd"), "the PATH must hold only those");
        }
    }
}
