package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.JPEG;
import static dev.pinhole.clitest.Links.PNG;
import static dev.pinhole.clitest.Links.assertLink;
import static dev.pinhole.clitest.Links.assertServes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** scripts/upload.sh against the local stack: what it uploads, and what it prints where. */
class UploadScriptTest extends AgainstDefaultStack {
    @Test
    void file_printsOneLink_thatServesIdenticalBytes() {
        Path image = script.file("screenshot.png", PNG);

        UploadScript.Result result = script.run(image.toString()).exits(0);

        assertEquals(1, result.lines().size(), result.stdout());
        String link = result.lines().get(0);
        assertLink(DefaultStack.baseUrl(), "png", link);
        assertServes(link, PNG, "image/png");
        assertEquals("", result.stderr(), "nothing on stderr when it is not a terminal and all went well");
    }

    @Test
    void onATerminal_progressGoesToStderr_andStdoutStillHoldsOnlyTheLink() throws IOException {
        Path image = script.file("screenshot.png", PNG);
        Path stdout = sandbox.resolve("links.txt");

        UploadScript.Result result = script.runOnTerminal(stdout, image.toString()).exits(0);

        String link = Files.readString(stdout).strip();
        assertLink(DefaultStack.baseUrl(), "png", link);
        assertTrue(result.stdout().contains("Uploading " + image + " (" + PNG.length + " bytes)"), result.stdout());
        assertTrue(result.stdout().contains("100.0%"), "curl's progress bar: " + result.stdout());
        // The terminal mentions the link only in the hint on deleting it, never as a line of its own
        assertFalse(result.stdout().lines().anyMatch(line -> line.strip().equals(link)),
                "the link is not on the terminal, only on stdout: " + result.stdout());
        assertTrue(result.stdout().contains("to delete it: " + UploadScript.location() + " --delete " + link),
                result.stdout());
    }

    @Test
    void stdinPng_typeComesFromMagicBytes() {
        UploadScript.Result result = script.stdin(PNG).run("-").exits(0);

        String link = result.stdout().strip();
        assertLink(DefaultStack.baseUrl(), "png", link);
        assertServes(link, PNG, "image/png");
    }

    @Test
    void stdinJpeg_typeComesFromMagicBytes() {
        UploadScript.Result result = script.stdin(JPEG).run("-").exits(0);

        String link = result.stdout().strip();
        assertLink(DefaultStack.baseUrl(), "jpg|jpeg", link);
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
        assertLink(DefaultStack.baseUrl(), "png", named.exits(0).stdout().strip());
    }

    @Test
    void fileWithoutExtension_typeComesFromMagicBytes() {
        Path image = script.file("capture", JPEG);

        String link = script.run(image.toString()).exits(0).stdout().strip();

        assertLink(DefaultStack.baseUrl(), "jpg", link);
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
    void temporaryFiles_areRemoved_afterSuccessAndFailure() throws IOException {
        Path image = script.file("shot.png", PNG);

        script.stdin(PNG).run("-", image.toString()).exits(0);
        script.stdin(PNG).run("-", "missing.png").exits(3);

        try (Stream<Path> left = Files.list(script.tmpDir())) {
            assertEquals(List.of(), left.toList());
        }
    }
}
