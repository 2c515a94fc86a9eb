package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * upload.sh --delete against the local stack: it performs the delete action the upload saved (or one given as a
 * JSON line), the link stops serving, and each answer of the server has its message and exit code.
 */
class DeleteScriptTest extends AgainstDefaultStack {
    private static final String TOKEN_HEADER = DeleteToken.HEADER;

    @Test
    void deleteLink_theLinkStopsServing_andItsStateEntryIsMarkedDeleted() {
        // Given an image the script uploaded, which serves
        String link = upload();
        assertEquals(200, linkStatus(link));

        // When the script deletes it by its link
        UploadScript.Result result = script.run("--delete", link).exits(0);

        // Then it says so, the link answers 404 at once, and the state file says it was deleted
        assertEquals("Deleted " + link + ".\n", result.stdout());
        assertEquals("", result.stderr());
        assertEquals(404, linkStatus(link));
        JsonObject entry = script.stateFile().entryFor(link);
        assertTrue(entry.has("deleted"), entry.toString());
        script.stateFile().assertPrivate();
    }

    @Test
    void deleteTwice_theSecondSaysAlreadyDeleted_andExits0() {
        String link = upload();
        script.run("--delete", link).exits(0);

        UploadScript.Result second = script.run("--delete", link).exits(0);

        assertEquals(link + " was already deleted.\n", second.stdout());
        assertEquals(404, linkStatus(link));
    }

    @Test
    void deleteByKey_findsTheEntryToo() {
        String link = upload();
        String key = script.stateFile().entryFor(link).get("key").getAsString();

        UploadScript.Result result = script.run("--delete", key).exits(0);

        assertEquals("Deleted " + link + ".\n", result.stdout(), "it names the link, not only the key");
        assertEquals(404, linkStatus(link));
        assertTrue(script.stateFile().entryFor(link).has("deleted"));
    }

    @Test
    void deleteWithTheJsonLineOfJsonOutput_worksWithoutAnyStateFile() {
        // Given an upload with --json and --no-state: its delete action is only in that line
        Path image = script.file("shot.png", PNG);
        String line = script.run("--json", "--no-state", image.toString()).exits(0).stdout().strip();
        String link = JsonParser.parseString(line).getAsJsonObject().get("url").getAsString();
        assertFalse(script.stateFile().exists(), "--no-state saves nothing");

        // When the line itself is given to --delete
        UploadScript.Result result = script.run("--delete", line).exits(0);

        // Then that image is deleted
        assertEquals("Deleted " + link + ".\n", result.stdout());
        assertEquals(404, linkStatus(link));
    }

    @Test
    void deleteWithASavedLine_copiedFromTheStateFile() {
        String link = upload();
        String line = script.stateFile().lineFor(link);

        new UploadScript(sandbox.resolve("elsewhere")).run("--delete", line).exits(0);

        assertEquals(404, linkStatus(link));
    }

    @Test
    void tamperedToken_exits4_withTheServersMessage_andNothingIsDeleted() {
        // Given a saved line whose token was changed (a fresh token of the right shape)
        String link = upload();
        JsonObject entry = script.stateFile().entryFor(link);
        entry.getAsJsonObject("delete").getAsJsonObject("headers").addProperty(TOKEN_HEADER, DeleteToken.mint());

        // When it is given to --delete
        UploadScript.Result result = script.run("--delete", entry.toString()).exits(4);

        // Then the server's refusal is shown, and the image still serves
        result.saysOnStderr("upload.sh: " + link + ": refused by the server: ")
                .saysOnStderr("(delete_token_invalid); nothing was deleted.");
        assertEquals("", result.stdout());
        assertEquals(200, linkStatus(link));
        assertFalse(script.stateFile().entryFor(link).has("deleted"));
    }

    @Test
    void anotherImagesToken_exits4_andBothImagesStillServe() {
        String first = upload();
        String second = upload();
        JsonObject entry = script.stateFile().entryFor(first);
        entry.getAsJsonObject("delete").add("headers",
                script.stateFile().entryFor(second).getAsJsonObject("delete").get("headers"));

        script.run("--delete", entry.toString()).exits(4).saysOnStderr("(delete_token_invalid)");

        assertEquals(200, linkStatus(first));
        assertEquals(200, linkStatus(second));
    }

    @Test
    void linkNotInTheStateFile_exits8_namingTheFile_andSendsNothing() {
        // Given a state file with another image's entry
        String saved = upload();
        String unknown = saved.replaceAll("/i/[^.]+", "/i/AAAAAAAAAAAAAAAAAAAAAA");

        // When --delete is given a link that is not in it, and then with no state file at all
        UploadScript.Result result = script.run("--delete", unknown).exits(8);
        UploadScript.Result noFile = new UploadScript(sandbox.resolve("fresh")).run("--delete", saved).exits(8);

        // Then both say which file was looked in
        result.saysOnStderr("upload.sh: " + unknown + ": no delete action saved for it in " + script.stateFile().path());
        noFile.saysOnStderr(saved + ": no delete action saved for it: ").saysOnStderr("does not exist")
                .saysOnStderr("--delete '<the JSON line>'");
        assertEquals(200, linkStatus(saved), "nothing was deleted");
    }

    @Test
    void anImageTheServerDoesNotHave_exits9_noSuchImage() {
        // Given a well-formed delete action for a name the server never issued
        String base = DefaultStack.baseUrl().toString();
        String name = "BBBBBBBBBBBBBBBBBBBBBB.png";
        JsonObject line = JsonParser.parseString("{\"link\":\"" + base + "/i/" + name + "\",\"delete\":{\"method\":"
                + "\"DELETE\",\"url\":\"" + base + "/api/images/" + name + "\",\"headers\":{\"" + TOKEN_HEADER
                + "\":\"" + DeleteToken.mint() + "\"}}}").getAsJsonObject();

        UploadScript.Result result = script.run("--delete", line.toString()).exits(9);

        result.saysOnStderr(base + "/i/" + name + ": no such image (expired?)");
    }

    @Test
    void theDeleteToken_isNeverPrinted_withoutJson() throws Exception {
        // Given an upload on a terminal (where the script says the most)
        Path image = script.file("shot.png", PNG);
        Path stdout = sandbox.resolve("links.txt");
        UploadScript.Result upload = script.runOnTerminal(stdout, image.toString()).exits(0);
        String link = Files.readString(stdout).strip();
        String token = script.stateFile().entryFor(link).getAsJsonObject("delete").getAsJsonObject("headers")
                .get(TOKEN_HEADER).getAsString();

        // When it is deleted
        UploadScript.Result delete = script.runOnTerminal(sandbox.resolve("deleted.txt"), "--delete", link).exits(0);

        // Then the token appears in no output, while the terminal was told how to delete the image
        assertTrue(upload.stdout().contains("shot.png: to delete it: " + UploadScript.location() + " --delete " + link),
                upload.stdout());
        for (String output : List.of(upload.stdout(), upload.stderr(), Files.readString(stdout), delete.stdout(),
                delete.stderr(), Files.readString(sandbox.resolve("deleted.txt")))) {
            assertFalse(output.contains(token), "the token must not be printed: " + output);
        }
    }

    @Test
    void aDeleteArgumentThatIsNotJson_orWithFiles_isAUsageError() {
        script.run("--delete", "{\"link\": ").exits(2).saysOnStderr("is not one JSON object");
        script.run("--delete", "{\"link\": \"x\"} {\"link\": \"y\"}").exits(2).saysOnStderr("is not one JSON object");
        script.run("--delete", "{\"link\": \"x\"}").exits(2).saysOnStderr("has no delete action this script will use");
        script.run("--delete", "x", "shot.png").exits(2).saysOnStderr("--delete takes no image files");
        script.run("--delete", "x", "--lifetime", "1d").exits(2).saysOnStderr("--delete cannot be combined with --lifetime");
    }

    private String upload() {
        Path image = script.file("shot.png", PNG);
        return script.run(image.toString()).exits(0).stdout().strip();
    }

    private static int linkStatus(String link) {
        return new TicketClient(URI.create(link)).get(URI.create(link), Map.of()).status();
    }
}
