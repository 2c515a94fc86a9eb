package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static dev.pinhole.clitest.Links.assertLink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
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

    @Test
    void aTruncatedJpeg_exits4_withTheReasonsCodeAndMessage_andPrintsNoLink() {
        // Given a JPEG cut off halfway through its picture data
        byte[] jpeg = SampleImages.jpeg(64, 48);
        Path file = script.file("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));

        // When the script uploads it
        UploadScript.Result result = script.run(file.toString()).exits(4).saysOnStderr("cut.jpg: refused by the server: ");

        // Then it says why, in words and with the code programs use, and prints no link
        assertTrue(result.stderr().strip().endsWith("(truncated)"), result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void aJpegWithGps_saysLocationDetailsWereRemoved_andTheServedFileHasNoGps() throws IOException {
        // Given a JPEG that tells where and with which camera it was taken
        Exiftool exifTool = Exiftool.require();
        Path file = script.file("holiday.jpg", SampleImages.jpeg(64, 48));
        exifTool.writeInPlace(file, "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945",
                "-GPSLongitudeRef=E", "-Make=Pinhole", "-Model=TestCam");
        assertTrue(exifTool.tags(file).containsKey("GPS:GPSLatitude"), "the sample carries GPS");

        // When the script uploads it
        UploadScript.Result result = script.run(file.toString()).exits(0);

        // Then it says so in plain words, location first
        assertTrue(result.stderr().lines().anyMatch(line -> line.matches(
                ".*holiday\\.jpg: Location, camera( and [a-z]+)? details removed")), result.stderr());

        // And the file its link serves has no GPS left
        String link = result.stdout().strip();
        TicketClient.Reply served = new TicketClient(URI.create(link)).get(URI.create(link), Map.of());
        assertEquals(200, served.status(), link);
        Map<String, String> tags = exifTool.tags(Files.write(script.file("served.jpg", new byte[0]), served.body()));
        assertFalse(tags.keySet().stream().anyMatch(tag -> tag.startsWith("GPS:")), tags.toString());
    }

    @Test
    void json_carriesThePublishedStateAndTheRemovedKinds() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--json", image.toString()).exits(0);

        JsonObject answer = JsonParser.parseString(result.stdout().strip()).getAsJsonObject();
        assertEquals("published", answer.get("state").getAsString());
        assertTrue(answer.getAsJsonArray("removed").isEmpty(), answer.toString());
        assertLink(DefaultStack.baseUrl(), "png", answer.get("url").getAsString());
    }

    @Test
    void jsonWithNoWait_saysTheImageIsOnlyUploaded() {
        Path image = script.file("shot.png", PNG);

        UploadScript.Result result = script.run("--json", "--no-wait", image.toString()).exits(0);

        JsonObject answer = JsonParser.parseString(result.stdout().strip()).getAsJsonObject();
        assertEquals("uploaded", answer.get("state").getAsString());
        assertFalse(answer.has("removed"), answer.toString());
    }
}
