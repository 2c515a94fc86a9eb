package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's own modules, imported in the served page (so under its CSP) and called directly: the
 * decisions that are hard to reach through the UI, such as how every S3 error code is worded.
 */
class PageModulesTest extends PageTestBase {
    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void openThePage() {
        uploader.open();
    }

    @Test
    void s3ErrorXml_isReadAndWordedForPeople() {
        String[][] cases = {
            {"403", "SignatureDoesNotMatch", "The request signature we calculated does not match",
                "The file changed during upload or the upload link was altered."},
            {"403", "AccessDenied", "Request has expired", "The upload link expired before the upload finished. Try again."},
            {"400", "BadDigest", "checksum mismatch",
                "The file changed while it was being uploaded (its checksum no longer matches)."},
            {"400", "IncompleteBody", "body too short",
                "The file’s size changed after it was chosen, or the connection dropped mid-upload."},
            {"503", "SlowDown", "Please reduce your request rate.", "The storage server is busy. Try again in a moment."},
            {"418", "Teapot", "odd", "The storage server refused the upload (HTTP 418, Teapot)."},
        };
        for (String[] c : cases) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + c[1] + "</Code><Message>"
                    + c[2] + "</Message></Error>";
            Object described = page.evaluate("async ([status, xml]) => {"
                    + "const { s3Error } = await import('/js/upload.js');"
                    + "const { describeError } = await import('/js/errors.js');"
                    + "return describeError(s3Error(status, xml)); }", List.of(Integer.parseInt(c[0]), xml));
            assertEquals(c[3], described, c[1]);
        }
    }

    @Test
    void apiErrors_areWordedForPeople() {
        Object[][] cases = {
            {"unauthorized", 401, "The upload token in the x-pinhole-token header is wrong.",
                "This Pinhole needs the right upload token. Enter it in the “Upload token” field and try again."},
            {"too_large", 413, "The file is larger than the limit of 20 MiB (20971520 bytes).",
                "The file is larger than the limit of 20 MiB (20971520 bytes)."},
            {"internal_error", 500, "Something went wrong on our side.", "The server had a problem. Try again in a moment."},
            {null, 502, null, "The server had a problem. Try again in a moment."},
            {null, 429, null, "Too many uploads right now. Wait a moment and try again."},
        };
        for (Object[] c : cases) {
            Object described = page.evaluate("async ([code, status, message]) => {"
                    + "const { ApiError } = await import('/js/api.js');"
                    + "const { describeError } = await import('/js/errors.js');"
                    + "return describeError(new ApiError(status, code, message)); }", Arrays.asList(c[0], c[1], c[2]));
            assertEquals(c[3], described, String.valueOf(c[0]) + " " + c[1]);
        }
    }

    @Test
    void onlyNetworkErrors_5xx_429_andExpiredTickets_areRetried() {
        Object verdicts = page.evaluate("async () => {"
                + "const { ApiError, NetworkError } = await import('/js/api.js');"
                + "const { UploadError, retryable } = await import('/js/upload.js');"
                + "return {"
                + "  network: retryable(new NetworkError()), lostPut: retryable(new UploadError(0, null, null)),"
                + "  s3Busy: retryable(new UploadError(503, 'SlowDown', '')),"
                + "  apiThrottled: retryable(new ApiError(429, null, null)), apiDown: retryable(new ApiError(502, null, null)),"
                + "  expired: retryable(new UploadError(403, 'AccessDenied', 'Request has expired')),"
                + "  forbidden: retryable(new UploadError(403, 'AccessDenied', 'Access Denied')),"
                + "  badSignature: retryable(new UploadError(403, 'SignatureDoesNotMatch', '')),"
                + "  tooLarge: retryable(new ApiError(413, 'too_large', '')),"
                + "  cancelled: retryable(new DOMException('x', 'AbortError')) }; }");
        assertEquals(Map.of("network", true, "lostPut", true, "s3Busy", true, "apiThrottled", true, "apiDown", true,
                "expired", true, "forbidden", false, "badSignature", false, "tooLarge", false, "cancelled", false),
                verdicts);
    }

    @Test
    void backoff_doublesFromOneSecond_upToSixteen_withJitterBelowTheStep() {
        @SuppressWarnings("unchecked")
        List<Number> delays = (List<Number>) page.evaluate("async () => {"
                + "const { backoff } = await import('/js/upload.js');"
                + "return [1, 2, 3, 4, 5, 6, 9].map(backoff); }");
        double[] steps = {1000, 2000, 4000, 8000, 16000, 16000, 16000};
        for (int i = 0; i < steps.length; i++) {
            double delay = delays.get(i).doubleValue();
            assertTrue(delay >= steps[i] / 2 && delay <= steps[i], "attempt delay " + delay + " for step " + steps[i]);
        }
    }

    @Test
    void extension_comesFromTheName_orFromTheTypeWhenTheNameHasNone() {
        String[][] cases = {
            {"photo.JPG", "image/jpeg", "jpg"},
            {"archive.tar.png", "image/png", "png"},
            {"", "image/png", "png"},
            {"", "image/jpeg", "jpg"},
            {"", "image/heic", "heic"},
            {"no-extension", "image/webp", "webp"},
            {"README", "text/plain", ""},
        };
        for (String[] c : cases) {
            Object extension = page.evaluate("async ([name, type]) => {"
                    + "const { extensionFor } = await import('/js/files.js');"
                    + "const limits = await (await fetch('/api/limits')).json();"
                    + "return extensionFor(new File([new Uint8Array(1)], name, {type}), limits); }",
                    List.of(c[0], c[1]));
            assertEquals(c[2], extension, c[0] + " " + c[1]);
        }
    }

    @Test
    void sizes_areShownInTheServersUnits() {
        Object sizes = page.evaluate("async () => {"
                + "const { formatBytes } = await import('/js/files.js');"
                + "return [1, 1023, 1024, 1536, 20 * 1024 * 1024, 5 * 1024 ** 3].map(formatBytes); }");
        assertEquals(List.of("1 byte", "1023 bytes", "1 KiB", "1.5 KiB", "20 MiB", "5 GiB"), sizes);
    }

    @Test
    void button_neverSubmits_namesItselfForScreenReaders_andRunsItsHandler() {
        // Given a button made by the page's DOM helper, as every view makes its buttons
        Object made = page.evaluate("async () => {"
                + "const { button } = await import('/js/dom.js');"
                + "let clicks = 0;"
                + "const copy = button('Copy', { className: 'copy-button', accessibleName: 'Copy the link',"
                + "  onClick: () => { clicks += 1; } });"
                + "copy.click();"
                + "return { type: copy.type, name: copy.getAttribute('aria-label'), text: copy.textContent,"
                + "  className: copy.className, clicks,"
                + "  plain: button('<b>Retry</b>').outerHTML }; }");

        // Then it is type=button with its label as text (never HTML), its accessible name and its handler
        assertEquals(Map.of("type", "button", "name", "Copy the link", "text", "Copy", "className", "copy-button",
                "clicks", 1, "plain", "<button type=\"button\">&lt;b&gt;Retry&lt;/b&gt;</button>"), made);
    }

    @Test
    void snippets_escapeWhatMarkdownAndHtmlWouldMisread() {
        Object snippets = page.evaluate("async () => {"
                + "const { snippets } = await import('/js/results.js');"
                + "return snippets('https://img.example/i/abc.png', 'a \"b\" <c> [d].png'); }");
        assertEquals(Map.of("markdown", "![a \"b\" <c> \\[d\\]](https://img.example/i/abc.png)",
                "html", "<img src=\"https://img.example/i/abc.png\" alt=\"a &quot;b&quot; &lt;c&gt; [d]\">"), snippets);
    }
}
