package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that stores the upload for real but lies in its status answers: the script must use only an
 * answer of the documented shape, print no link otherwise, and never pass the server's text to the terminal.
 */
class StatusAnswerTest extends AgainstDefaultStack {
    static Stream<Arguments> hostileStatuses() {
        return Stream.of(
                Arguments.of("an unknown state", "{\"state\":\"gone\"}", "its state is not checking, published, refused or deleted"),
                Arguments.of("published under another link",
                        "{\"state\":\"published\",\"url\":\"http://evil.example/i/x.png\",\"removed\":[]}",
                        "it names another link than the ticket"),
                Arguments.of("a refusal whose message holds terminal control codes",
                        "{\"state\":\"refused\",\"reason\":{\"code\":\"x\",\"message\":\"\\u001b]0;owned\\u0007 hi\"}}",
                        "its reason is not a code and a one-line message"),
                Arguments.of("a refusal without a reason", "{\"state\":\"refused\"}",
                        "its reason is not a code and a one-line message"),
                Arguments.of("a JSON array", "[\"published\"]", "it is not a JSON object"),
                Arguments.of("no JSON at all", "<html>ok</html>", "it is not JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStatuses")
    void aStatusAnswerOfAnotherShape_exits6_withoutALink(String description, String status, String reason) {
        // Given a server whose status action answers this
        try (FrontServer front = FrontServer.withStatus(DefaultStack.baseUrl(), status)) {
            Path image = script.file("shot.png", PNG);

            // When the script uploads and waits
            UploadScript.Result result = script.env("PINHOLE_URL", front.baseUrl().toString())
                    .run(image.toString()).exits(6)
                    .saysOnStderr("shot.png: uploaded, but the server sent a status this script will not use: " + reason);

            // Then no link is printed and none of the server's control codes reach the terminal
            assertEquals("", result.stdout());
            assertFalse(result.stderr().contains("\u001b"), result.stderr());
        }
    }

    @Test
    void aStatusThatNeverSettles_exits7_namingTheLinkThatMayWorkLater() {
        try (FrontServer front = FrontServer.withStatus(DefaultStack.baseUrl(), "{\"state\":\"checking\"}")) {
            Path image = script.file("shot.png", PNG);

            UploadScript.Result result = script.env("PINHOLE_URL", front.baseUrl().toString())
                    .env("PINHOLE_WAIT_SECONDS", "1").run(image.toString()).exits(7)
                    .saysOnStderr("shot.png: uploaded, but the server had not finished checking it after 1 seconds;"
                            + " its link may work later: " + DefaultStack.baseUrl() + "/i/");

            assertEquals("", result.stdout());
            // It was stored and may be published later: its delete action is kept, to take it back then
            assertEquals(1, script.stateFile().entries().size(), script.stateFile().lines().toString());
            assertTrue(script.stateFile().entries().get(0).has("delete"));
        }
    }

    @Test
    void anImageDeletedBeforeItWasPublished_exits5_sayingSo() {
        try (FrontServer front = FrontServer.withStatus(DefaultStack.baseUrl(), "{\"state\":\"deleted\"}")) {
            Path image = script.file("shot.png", PNG);

            UploadScript.Result result = script.env("PINHOLE_URL", front.baseUrl().toString()).run(image.toString())
                    .exits(5).saysOnStderr("shot.png: uploaded, but deleted with its delete action before it was published");

            assertEquals("", result.stdout());
        }
    }

    @Test
    void aWaitThatIsNotANumberOfSeconds_isAUsageError() {
        Path image = script.file("shot.png", PNG);

        script.env("PINHOLE_WAIT_SECONDS", "soon").run(image.toString()).exits(2)
                .saysOnStderr("PINHOLE_WAIT_SECONDS must be a whole number of seconds from 1 to 3600");
    }
}
