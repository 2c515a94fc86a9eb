package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.tickets.TicketConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The uploader page in real Chromium against the local stack: every way in, and what it shows. */
class UploadPageTest extends PageTestBase {
    private static final int MAX_BYTES = 3 * 1024 * 1024;

    @Override
    protected Map<String, String> environment() {
        return Map.of(TicketConfig.MAX_UPLOAD_BYTES, Integer.toString(MAX_BYTES));
    }

    @Test
    void picker_uploadsPng_andTheLinkOpensTheSameBytes() {
        byte[] png = SampleImages.png(320, 200);
        uploader.open();

        uploader.choose(new FilePayload("sunset.png", "image/png", png));
        uploader.waitForRows("done", 1);

        Locator row = uploader.rowsIn("done").first();
        String link = UploaderPage.linkOf(row);
        assertTrue(link.startsWith(stack.baseUrl() + "/i/") && link.endsWith(".png"), link);
        // The link goes live when the publisher has checked the image, moments after the PUT: wait for that, as
        // the page will (issue 11's page work), before opening it.
        assertEquals(200, new dev.pinhole.testkit.TicketClient(stack.baseUrl())
                .awaitServed(java.net.URI.create(link)).status());
        Page opened = context.waitForPage(() -> row.locator(".open-link").click());
        // The new tab is already loading the link; navigating before it finishes would race with it.
        opened.waitForLoadState(LoadState.LOAD);
        assertEquals(link, opened.url());
        Response image = opened.navigate(link);
        assertEquals(200, image.status());
        assertEquals("image/png", image.headerValue("content-type"));
        assertArrayEquals(png, image.body(), "the link serves exactly the uploaded bytes");
        assertEquals(320, opened.locator("img").evaluate("img => img.decode().then(() => img.naturalWidth)"));
    }

    @Test
    void drop_anywhereOnThePage_uploadsTheFile() {
        byte[] jpeg = SampleImages.jpeg(240, 160);
        uploader.open();

        uploader.dragOver("beach.jpg", "image/jpeg", jpeg);
        assertTrue(page.locator(".drop-overlay").isVisible(), "the page shows where to drop");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("dragging.png")));
        uploader.drop("beach.jpg", "image/jpeg", jpeg);
        uploader.waitForRows("done", 1);
        assertFalse(page.locator(".drop-overlay").isVisible());

        Locator row = uploader.rowsIn("done").first();
        assertEquals("beach.jpg", UploaderPage.fileName(row));
        assertStored(UploaderPage.linkOf(row), jpeg, "image/jpeg");
    }

    @Test
    void paste_ofANamelessScreenshot_takesTheExtensionFromItsType() {
        byte[] png = SampleImages.png(200, 120);
        uploader.open();

        uploader.paste("", "image/png", png);
        uploader.waitForRows("done", 1);

        String link = UploaderPage.linkOf(uploader.rowsIn("done").first());
        assertTrue(link.endsWith(".png"), link);
        assertStored(link, png, "image/png");
    }

    @Test
    void threeFilesAtOnce_allSucceed_eachWithItsOwnLink() {
        byte[] first = SampleImages.png(100, 100);
        byte[] second = SampleImages.jpeg(150, 100);
        byte[] third = SampleImages.png(60, 90);
        uploader.open();

        uploader.choose(new FilePayload("one.png", "image/png", first),
                new FilePayload("two.jpeg", "image/jpeg", second),
                new FilePayload("three.png", "image/png", third));
        uploader.waitForRows("done", 3);

        Map<String, byte[]> expected = Map.of("one.png", first, "two.jpeg", second, "three.png", third);
        Set<String> links = new HashSet<>();
        for (Locator row : uploader.rowsIn("done").all()) {
            String link = UploaderPage.linkOf(row);
            links.add(link);
            assertStored(link, expected.get(UploaderPage.fileName(row)), null);
        }
        assertEquals(3, links.size(), "each file has its own link");
    }

    @Test
    void oversizedAndUnsupportedFiles_areRefusedOnThePage_withoutAnyUploadRequest() {
        List<String> requests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> requests.add(request.method() + " " + request.url()));
        uploader.open();

        uploader.choose(new FilePayload("huge.png", "image/png", new byte[MAX_BYTES + 1]),
                new FilePayload("IMG_0001.HEIC", "image/heic", new byte[] {1, 2, 3}),
                new FilePayload("notes.txt", "text/plain", "hello".getBytes()));
        uploader.waitForRows("refused", 3);

        Map<String, String> reasons = new java.util.HashMap<>();
        uploader.rowsIn("refused").all().forEach(row -> reasons.put(UploaderPage.fileName(row),
                UploaderPage.stateText(row)));
        assertTrue(reasons.get("huge.png").contains("over the limit of 3 MiB"), reasons.get("huge.png"));
        assertTrue(reasons.get("IMG_0001.HEIC").contains("HEIC") && reasons.get("IMG_0001.HEIC").contains("JPEG"),
                reasons.get("IMG_0001.HEIC"));
        assertTrue(reasons.get("notes.txt").contains("Allowed types: avif, gif, jpeg, jpg, png, webp"),
                reasons.get("notes.txt"));
        assertFalse(requests.stream().anyMatch(r -> isS3(r.substring(r.indexOf(' ') + 1))),
                "no request reached S3: " + requests);
        assertFalse(requests.stream().anyMatch(r -> r.contains("/api/uploads")), "no ticket asked: " + requests);
    }

    @Test
    void s3RefusesATamperedTicket_andThePageSaysSoInPlainWords() {
        List<String> puts = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if ("PUT".equals(request.method())) {
                puts.add(request.url());
            }
        });
        // The signed Content-Type is swapped after signing, as a man in the middle would: S3 must refuse.
        page.route("**/api/uploads", route -> tamperWithSignedHeaders(route));
        uploader.open();

        uploader.choose(new FilePayload("cat.png", "image/png", SampleImages.png(50, 50)));
        uploader.waitForRows("failed", 1);

        String message = UploaderPage.stateText(uploader.rowsIn("failed").first());
        assertTrue(message.contains("The file changed during upload or the upload link was altered."), message);
        assertTrue(message.contains("403 SignatureDoesNotMatch"), message);
        assertEquals(1, puts.size(), "a 403 is final, never retried: " + puts);
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("s3-refusal.png")));
    }

    @Test
    void progressReaches100_andTheRecentListSurvivesAReload() {
        page.addInitScript("window.progressSeen = [];"
                + "new MutationObserver((changes) => changes.forEach((change) => {"
                + "  if (change.target.matches && change.target.matches('progress'))"
                + "    window.progressSeen.push(Number(change.target.getAttribute('value')));"
                + "})).observe(document, {subtree: true, attributes: true, attributeFilter: ['value']});");
        byte[] big = SampleImages.noisyPng(2 * 1024 * 1024, 7);
        uploader.open();

        uploader.choose(new FilePayload("noise.png", "image/png", big));
        uploader.waitForRows("done", 1);

        Locator row = uploader.rowsIn("done").first();
        String link = UploaderPage.linkOf(row);
        assertEquals("100", row.locator("progress").getAttribute("value"));
        assertTrue(row.locator(".progress-text").innerText().startsWith("100%"));
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) page.evaluate("() => window.progressSeen");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).intValue() >= seen.get(i - 1).intValue(), "progress never goes back: " + seen);
        }

        page.reload();
        Locator recent = page.locator("#recent .recent-link");
        recent.first().waitFor();
        assertEquals(1, recent.count());
        assertEquals(link, recent.first().getAttribute("href"));
        assertEquals("noise.png", recent.first().innerText());
        assertEquals(naturalWidthOf(big), page.locator("#recent img").evaluate(
                "img => img.decode().then(() => img.naturalWidth)"));
    }

    @Test
    void everyControl_hasAName_andStatusIsAnnouncedPolitely() {
        uploader.open();
        uploader.choose(new FilePayload("named.png", "image/png", SampleImages.png(40, 40)),
                new FilePayload("clip.mov", "video/quicktime", new byte[] {1}));
        uploader.waitForRows("done", 1);
        uploader.waitForRows("refused", 1);

        @SuppressWarnings("unchecked")
        Map<String, Object> controls = (Map<String, Object>) page.evaluate("() => {"
                + "const shown = [...document.querySelectorAll('button, input, a[href], progress')]"
                + "  .filter((el) => !el.closest('[hidden], [aria-hidden=\"true\"]'));"
                + "const unnamed = shown.filter((el) => !((el.getAttribute('aria-label') || '').trim()"
                + "  || [...(el.labels || [])].some((l) => l.textContent.trim())"
                + "  || (el.tagName !== 'INPUT' && el.textContent.trim())));"
                + "return {checked: shown.length, unnamed: unnamed.map((el) => el.outerHTML)}; }");
        assertEquals(List.of(), controls.get("unnamed"), "controls without an accessible name");
        assertTrue(((Number) controls.get("checked")).intValue() >= 12, "checked " + controls.get("checked"));
        assertEquals("polite", page.locator("#status").getAttribute("aria-live"));
        assertEquals("en", page.locator("html").getAttribute("lang"));
    }

    @Test
    void screenshots_afterUploads_forReviewByEye() {
        uploader.open();
        uploader.choose(new FilePayload("mountains.png", "image/png", SampleImages.png(640, 400)),
                new FilePayload("IMG_2041.HEIC", "image/heic", new byte[] {1, 2, 3}));
        uploader.waitForRows("done", 1);
        uploader.waitForRows("refused", 1);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshotDirectory().resolve("after-upload-desktop-light.png")));

        try (var phone = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844).setDeviceScaleFactor(2)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK))) {
            Page small = phone.newPage();
            UploaderPage phoneUploader = new UploaderPage(small, stack.baseUrl().toString()).open();
            phoneUploader.choose(new FilePayload("a-photo-with-a-rather-long-file-name.png", "image/png",
                    SampleImages.png(300, 500)));
            phoneUploader.waitForRows("done", 1);
            small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(screenshotDirectory().resolve("after-upload-phone-dark.png")));
        }
    }

    private void tamperWithSignedHeaders(Route route) {
        var response = route.fetch();
        JsonObject ticket = JsonParser.parseString(response.text()).getAsJsonObject();
        JsonObject headers = ticket.getAsJsonObject("upload").getAsJsonObject("headers");
        for (String name : Set.copyOf(headers.keySet())) {
            if (name.equalsIgnoreCase("content-type")) {
                headers.addProperty(name, "image/gif");
            }
        }
        route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(ticket.toString()));
    }

    private static int naturalWidthOf(byte[] png) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The link serves exactly these bytes (and the given type, when not null). */
    private void assertStored(String link, byte[] bytes, String contentType) {
        // The page shows the link once the upload is stored; it serves once the publisher has checked it.
        var reply = new dev.pinhole.testkit.TicketClient(stack.baseUrl()).awaitServed(java.net.URI.create(link));
        assertEquals(200, reply.status(), link);
        assertArrayEquals(bytes, reply.body(), "bytes behind " + link);
        if (contentType != null) {
            assertEquals(contentType, reply.header("content-type"));
        }
    }
}
