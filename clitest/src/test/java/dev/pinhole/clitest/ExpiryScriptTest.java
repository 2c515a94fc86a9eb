package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.local.LocalClock;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image uploaded by the script with a lifetime is gone once its removeAfter has passed: on a stack of its own,
 * whose functions' clock the test moves forward, and whose expiry (the stand-in for S3 lifecycle) it runs.
 */
class ExpiryScriptTest {
    private static final LocalClock CLOCK = LocalClock.systemUTC();
    private static TestStack stack;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void start() {
        UploadScript.requireTools();
        stack = TestStack.start(LocalOptions.TESTS.withClock(CLOCK));
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void lifetime1d_theLinkIsGoneOnceTheClockPassesRemoveAfter_andDeleteThenSaysNoSuchImage() {
        // Given an image uploaded for one day, and one kept forever, both serving
        UploadScript script = new UploadScript(sandbox).env("PINHOLE_URL", stack.stack().baseUrl().toString());
        Path image = script.file("shot.png", PNG);
        JsonObject oneDay = JsonParser.parseString(script.run("--json", "--lifetime", "1d", image.toString())
                .exits(0).stdout()).getAsJsonObject();
        String link = oneDay.get("url").getAsString();
        String kept = script.run("--lifetime", "forever", image.toString()).exits(0).stdout().strip();
        assertEquals(200, linkStatus(link));

        // When the stack's clock passes removeAfter and its expiry runs
        Instant removeAfter = Instant.parse(oneDay.get("removeAfter").getAsString());
        CLOCK.advance(Duration.between(CLOCK.instant(), removeAfter).plusMinutes(1));
        List<String> removed = stack.stack().expireNow();

        // Then that link is gone, the other still serves, and --delete says there is no such image any more
        assertTrue(removed.stream().anyMatch(key -> key.endsWith(oneDay.get("key").getAsString())), removed.toString());
        assertEquals(404, linkStatus(link));
        assertEquals(200, linkStatus(kept));
        script.run("--delete", link).exits(9).saysOnStderr("upload.sh: " + link + ": no such image (expired?)");
    }

    private static int linkStatus(String link) {
        return new TicketClient(URI.create(link)).get(URI.create(link), Map.of()).status();
    }
}
