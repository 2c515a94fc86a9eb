package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.testkit.SampleImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the script does before, or without, talking to a server: help, usage errors, a server that is down. */
class ScriptWithoutServerTest {
    @TempDir
    Path sandbox;
    UploadScript script;

    @BeforeAll
    static void tools() {
        UploadScript.requireTools();
    }

    @BeforeEach
    void sandbox() {
        script = new UploadScript(sandbox);
    }

    /** A port nothing listens on: bound once by us, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void help_printsSummaryUsageOptionsAndExitCodes_onStdout() {
        UploadScript.Result result = script.run("--help").exits(0);

        assertTrue(result.stdout().startsWith("Summary: upload images to a Pinhole image host"), result.stdout());
        for (String expected : new String[] {"Usage: upload.sh [options] FILE...", "--endpoint URL", "--token TOKEN",
                "--ext EXT", "--json", "--copy", "--lifetime LIFETIME", "1d, 7d or 30d", "forever", "/api/limits",
                "--no-state", "--delete LINK", "--delete '<JSON line>'", "pinhole/uploads.jsonl", "Exit codes:",
                "6  the server could not be reached", "8  --delete LINK: the state file holds no delete action",
                "9  --delete: the server has no such image"}) {
            assertTrue(result.stdout().contains(expected), "help should mention " + expected);
        }
        assertFalse(result.stdout().contains("set -euo pipefail"), "help ends before the code");
        assertEquals("", result.stderr());
    }

    @Test
    void unknownOption_isAUsageError_exit2() {
        script.run("--colour", "shot.png").exits(2).saysOnStderr("upload.sh: unknown option '--colour' (try --help)");
    }

    @Test
    void noFile_isAUsageError_exit2() {
        UploadScript.Result result = script.run().exits(2).saysOnStderr("name at least one image file");

        assertEquals("", result.stdout());
    }

    @Test
    void optionWithoutValue_andBadEndpoint_areUsageErrors() {
        script.run("shot.png", "--endpoint").exits(2).saysOnStderr("--endpoint needs a value");
        script.run("--endpoint", "ftp://example.com", "shot.png").exits(2)
                .saysOnStderr("the endpoint must be an http(s) address");
    }

    @Test
    void serverDown_exits6_withAClearMessage_andDoesNotTryTheRest() {
        Path first = script.file("one.png", SampleImages.png(10, 10));
        Path second = script.file("two.png", SampleImages.png(12, 12));
        String endpoint = "http://127.0.0.1:" + closedPort();

        UploadScript.Result result = script.run("--endpoint", endpoint, first.toString(), second.toString());

        result.exits(6)
                .saysOnStderr("upload.sh: " + first + ": cannot reach the Pinhole server at " + endpoint)
                .saysOnStderr("Is the local stack running? Start it with scripts/run-local.sh.")
                .saysOnStderr("not trying the remaining 1 file(s)");
        assertEquals("", result.stdout());
    }

    @Test
    void missingJq_isNamed_exit1() {
        try (MinimalPath path = MinimalPath.with(sandbox.resolve("bin-without-jq"), Set.of("curl"))) {
            UploadScript.Result result = script.env("PATH", path.path()).run("shot.png");

            result.exits(1).saysOnStderr("upload.sh: this script needs jq, which cannot be found.");
        }
    }
}
