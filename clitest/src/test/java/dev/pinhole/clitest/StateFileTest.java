package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the script keeps the delete actions of its uploads, in which shape, and that nobody else can read them. */
class StateFileTest extends AgainstDefaultStack {
    @Test
    void withoutXdgStateHome_eachUploadIsALineUnderHome_directory700_file600_evenUnderUmask000() {
        // Given no XDG_STATE_HOME (the sandbox unsets it), HOME in the sandbox, and a umask that hides nothing
        Path image = script.file("shot.png", PNG);
        script.umask("000");

        // When two uploads are made
        String first = script.run(image.toString()).exits(0).stdout().strip();
        String second = script.run(image.toString()).exits(0).stdout().strip();

        // Then ~/.local/state/pinhole/uploads.jsonl holds one line each, with its link, key, delete action and time
        StateFile state = script.stateFile();
        assertTrue(state.path().startsWith(sandbox.resolve("home").resolve(".local/state/pinhole")), state.path().toString());
        state.assertPrivate();
        assertEquals(List.of(first, second), state.entries().stream().map(entry -> entry.get("link").getAsString()).toList());
        JsonObject entry = state.entryFor(first);
        assertEquals(Set.of("link", "key", "delete", "removeAfter", "time"), entry.keySet());
        assertTrue(first.endsWith("/" + entry.get("key").getAsString()), "the key is the link's path: " + entry);
        assertEquals("DELETE", entry.getAsJsonObject("delete").get("method").getAsString());
        Instant.parse(entry.get("time").getAsString());
    }

    @Test
    void withXdgStateHome_theFileIsThere() {
        Path stateHome = sandbox.resolve("state");
        Path image = script.file("shot.png", PNG);
        script.env("XDG_STATE_HOME", stateHome.toString()).umask("022");

        String link = script.run(image.toString()).exits(0).stdout().strip();

        StateFile state = script.stateFile();
        assertEquals(stateHome.resolve("pinhole").resolve("uploads.jsonl"), state.path());
        state.assertPrivate();
        state.entryFor(link);
    }

    @Test
    void anExistingFileAndDirectoryOpenToOthers_areMadePrivate_sayingSo_andKeepTheirLines() {
        // Given a state file from before, readable by everyone
        StateFile state = script.stateFile();
        state.write(List.of("{\"link\":\"https://example.com/i/old.png\"}"), "rwxr-xr-x", "rw-r--r--");
        Path image = script.file("shot.png", PNG);

        // When the script saves an upload there
        UploadScript.Result result = script.run(image.toString()).exits(0);

        // Then both are private again, it said so, and the old line is still there
        state.assertPrivate();
        result.saysOnStderr(state.directory() + " was open to others (rwxr-xr-x); it holds delete tokens, so it is now mode 700")
                .saysOnStderr(state.path() + " was open to others (rw-r--r--); it holds delete tokens, so it is now mode 600");
        assertEquals(2, state.lines().size());
        assertEquals("{\"link\":\"https://example.com/i/old.png\"}", state.lines().get(0));
    }

    @Test
    void noState_savesNothing() {
        Path image = script.file("shot.png", PNG);

        script.run("--no-state", image.toString()).exits(0);

        assertFalse(script.stateFile().exists());
        assertFalse(script.stateFile().directory().toFile().exists(), "not even the directory is made");
    }

    @Test
    void anImageTheServerRefused_isNotSaved() {
        byte[] junk = new byte[3000];
        new Random(5).nextBytes(junk);
        Path file = script.file("x.png", junk);

        script.run(file.toString()).exits(4);

        assertFalse(script.stateFile().exists(), "a refused upload is removed by the server; there is nothing to delete");
    }
}
