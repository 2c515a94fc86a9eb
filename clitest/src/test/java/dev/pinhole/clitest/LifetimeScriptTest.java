package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.DeleteToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** upload.sh --lifetime against the local stack (which offers forever, 1d, 7d and 30d), and what --json holds. */
class LifetimeScriptTest extends AgainstDefaultStack {
    @Test
    void lifetime1d_removeAfterIsADayAhead_inJsonAndInTheStateFile_andStderrSaysWhen() {
        // Given an image, and the time around the run (the server's clock is the machine's)
        Path image = script.file("shot.png", PNG);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // When the script uploads it to be kept one day
        UploadScript.Result result = script.run("--json", "--lifetime", "1d", image.toString()).exits(0);
        Instant after = Instant.now();

        // Then removeAfter is a day after the ticket was issued, in the JSON line and the state file
        JsonObject answer = JsonParser.parseString(result.stdout().strip()).getAsJsonObject();
        assertEquals("1d", answer.get("lifetime").getAsString());
        Instant removeAfter = Instant.parse(answer.get("removeAfter").getAsString());
        assertTrue(!removeAfter.isBefore(before.plus(Duration.ofDays(1))) && !removeAfter.isAfter(after.plus(Duration.ofDays(1))),
                removeAfter + " is not a day after the run (" + before + " .. " + after + ")");
        String link = answer.get("url").getAsString();
        assertEquals(answer.get("removeAfter"), script.stateFile().entryFor(link).get("removeAfter"));
        String removeAfterText = answer.get("removeAfter").getAsString();
        result.saysOnStderr("upload.sh: " + image + ": will be removed after " + removeAfterText.substring(0, 10) + " "
                + removeAfterText.substring(11, 19) + " UTC (lifetime 1d)");
    }

    @Test
    void withoutLifetime_theServersDefaultForeverApplies_andNothingIsSaidAboutRemoval() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--json", image.toString()).exits(0);

        JsonObject answer = JsonParser.parseString(result.stdout().strip()).getAsJsonObject();
        assertEquals("forever", answer.get("lifetime").getAsString());
        assertTrue(answer.get("removeAfter").isJsonNull(), answer.toString());
        assertFalse(result.stderr().contains("removed after"), result.stderr());
    }

    @Test
    void json_includesTheDeleteAction_nextToWhatItPrintedBefore() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--json", "--lifetime", "7d", image.toString()).exits(0);

        JsonObject answer = JsonParser.parseString(result.stdout().strip()).getAsJsonObject();
        JsonObject delete = answer.getAsJsonObject("delete");
        assertEquals("DELETE", delete.get("method").getAsString());
        assertEquals(answer.getAsJsonObject("status").get("url"), delete.get("url"));
        assertEquals(43, delete.getAsJsonObject("headers").get(DeleteToken.HEADER).getAsString().length());
        for (String field : new String[] {"key", "url", "upload", "expiresAt", "state", "removed", "removeAfter"}) {
            assertTrue(answer.has(field), field + " in " + answer);
        }
        assertEquals(delete, script.stateFile().entryFor(answer.get("url").getAsString()).get("delete"));
    }

    @Test
    void anUnknownLifetime_exits4_withTheServersMessage_andUploadsNothing() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--lifetime", "bogus", image.toString(), image.toString()).exits(4);

        // The server's message lists what it offers; the script adds where to look it up
        result.saysOnStderr("upload.sh: " + image + ": refused by the server: ")
                .saysOnStderr("1d").saysOnStderr("30d")
                .saysOnStderr("(--lifetime bogus; " + DefaultStack.baseUrl() + "/api/limits lists what this server offers.)")
                .saysOnStderr("not trying the remaining 1 file(s): the server does not offer that lifetime");
        assertEquals("", result.stdout());
        assertFalse(script.stateFile().exists(), "nothing was uploaded, so nothing is saved");
    }

    @Test
    void aWellFormedLifetimeTheServerDoesNotOffer_isRefusedTheSameWay() {
        Path image = script.file("shot.png", PNG);

        script.run("--lifetime", "365d", image.toString()).exits(4)
                .saysOnStderr("refused by the server: ").saysOnStderr("(--lifetime 365d; ");
    }
}
