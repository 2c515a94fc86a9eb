package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish step as the page shows it, in real Chromium through the local stack's publisher: "Checking the
 * image..." after the PUT, then the published link (and the thumbnail from it), what was removed, or why the
 * image was refused.
 */
class PublishingPageTest extends PageTestBase {
    /** Records every text a row's state line shows, since "Checking the image..." may last only moments. */
    private static final String RECORD_STATES = """
            window.pinholeStates = [];
            new MutationObserver(() => document.querySelectorAll('.upload-state').forEach((line) => {
              const text = line.textContent;
              if (window.pinholeStates[window.pinholeStates.length - 1] !== text) {
                window.pinholeStates.push(text);
              }
            })).observe(document, { subtree: true, childList: true, characterData: true });
            """;

    @TempDir
    Path work;

    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void recordStates() {
        page.addInitScript(RECORD_STATES);
    }

    @Test
    void png_showsCheckingThenThePublishedLink_whichServesIt_andTheThumbnailComesFromIt() {
        byte[] png = SampleImages.png(120, 80);
        uploader.open();

        uploader.choose(new FilePayload("plain.png", "image/png", png));
        uploader.waitForRows("done", 1);

        Locator row = uploader.rowsIn("done").first();
        String link = UploaderPage.linkOf(row);
        assertTrue(states().contains("Checking the image…"), states().toString());
        assertEquals("Published.", UploaderPage.stateText(row));
        APIResponse served = page.request().get(link);
        assertEquals(200, served.status());
        assertArrayEquals(png, served.body(), "nothing to remove: published byte for byte");
        assertEquals(link, row.locator("img.thumb").getAttribute("src"), "the thumbnail shows what the link serves");
        assertEquals(120, row.locator("img.thumb").evaluate("img => img.decode().then(() => img.naturalWidth)"));
        assertEquals(link, recentLinks().get(0), "the recent list keeps the published link");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("published.png")));
    }

    @Test
    void jpegWithGpsAndCamera_isPublished_andThePageSaysLocationAndCameraDetailsWereRemoved() {
        byte[] photo = Exiftool.require(work).write(SampleImages.jpeg(160, 120), "jpg",
                "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-Make=PinholeCam", "-Model=Test 1");
        uploader.open();

        uploader.choose(new FilePayload("phone.jpg", "image/jpeg", photo));
        uploader.waitForRows("done", 1);

        Locator row = uploader.rowsIn("done").first();
        assertTrue(states().contains("Checking the image…"), states().toString());
        String removed = row.locator(".removed").innerText();
        assertTrue(removed.matches("^[A-Z].* details removed\\.$") && removed.contains("ocation")
                && removed.contains("amera"), removed);
        APIResponse served = page.request().get(UploaderPage.linkOf(row));
        assertEquals(200, served.status());
        assertTrue(served.body().length < photo.length, "what the link serves is the cleaned copy");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("published-removed.png")));
    }

    @Test
    void randomBytesNamedPng_andATruncatedJpeg_areRefusedInWords_withNoLink() {
        byte[] random = new byte[4096];
        new Random(11).nextBytes(random);
        byte[] jpeg = SampleImages.jpeg(200, 150);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        uploader.open();

        uploader.choose(new FilePayload("x.png", "image/png", random),
                new FilePayload("cut.jpg", "image/jpeg", truncated));
        uploader.waitForRows("refused", 2);

        assertEquals(0, uploader.rows().locator(".copy-link").count(), "a refused image gets no link");
        String x = UploaderPage.stateText(row("x.png"));
        String cut = UploaderPage.stateText(row("cut.jpg"));
        assertEquals("Not published. The file is not an image of a type this Pinhole serves.", x);
        assertTrue(cut.startsWith("Not published. The image is incomplete"), cut);
        assertTrue(states().contains("Checking the image…"), states().toString());
        assertTrue(recentLinks().isEmpty(), "nothing refused is kept as a recent upload");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("refused.png")));
    }

    private Locator row(String name) {
        return uploader.rows().filter(new Locator.FilterOptions().setHasText(name)).first();
    }

    @SuppressWarnings("unchecked")
    private List<String> states() {
        return (List<String>) page.evaluate("() => window.pinholeStates");
    }

    @SuppressWarnings("unchecked")
    private List<String> recentLinks() {
        return (List<String>) page.evaluate(
                "() => JSON.parse(localStorage.getItem('pinhole.recent.v1') || '[]').map((entry) => entry.url)");
    }
}
