package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static dev.pinhole.clitest.Links.assertLink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The script and the publish step: by default it prints a link only once the image is published (so the link
 * serves the moment it is printed), --no-wait prints it as soon as the upload is stored, and an image the
 * server refuses after checking it is an exit 4 with the reason in words.
 */
class WaitForPublishTest extends AgainstDefaultStack {
    @Test
    void byDefault_theLinkIsPrintedOnceItServes() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run(image.toString()).exits(0);

        // The link is asked for once, not polled: it must serve the moment the script printed it
        String link = result.stdout().strip();
        assertLink(DefaultStack.baseUrl(), "png", link);
        TicketClient.Reply served = new TicketClient(URI.create(link)).get(URI.create(link), Map.of());
        assertEquals(200, served.status(), link);
        assertArrayEquals(PNG, served.body());
    }

    @Test
    void noWait_printsTheLinkAsSoonAsTheUploadIsStored() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--no-wait", image.toString()).exits(0);

        // The link is printed; it serves once published (asked again while 404, as a person would)
        String link = result.stdout().strip();
        assertLink(DefaultStack.baseUrl(), "png", link);
        Links.assertServes(link, PNG, "image/png");
    }

    @Test
    void imageTheServerRefusesAfterCheckingIt_exits4_withTheReason_andPrintsNoLink() {
        // Given bytes named x.png that are no image at all
        byte[] junk = new byte[4000];
        new Random(3).nextBytes(junk);
        Path file = script.file("x.png", junk);

        // When the script uploads it (storage takes any bytes the ticket allows)
        UploadScript.Result result = script.run(file.toString()).exits(4)
                .saysOnStderr("x.png: refused by the server: The file is not an image of any type Pinhole serves.");

        // Then no link is printed
        assertEquals("", result.stdout());
    }

    @Test
    void withSeveralFiles_aRefusalDoesNotStopTheOthers_andTheExitCodeIsTheRefusals() {
        byte[] junk = new byte[2000];
        new Random(4).nextBytes(junk);
        Path bad = script.file("bad.png", junk);
        Path good = script.file("good.png", PNG);

        UploadScript.Result result = script.run(bad.toString(), good.toString()).exits(4);

        assertEquals(1, result.lines().size(), result.stdout());
        assertLink(DefaultStack.baseUrl(), "png", result.lines().get(0));
        assertFalse(result.stderr().contains("good.png"), result.stderr());
    }
}
