package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import dev.pinhole.testkit.SampleImages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A WCAG 2.1 A/AA audit (axe-core) of every state the page can be in, through the local stack: empty, limits
 * that failed to load, uploading, published, refused (by the page and by the publisher), failed, the recent
 * list with entries, and the delete confirmation; in light and in dark. Any violation fails, printed in full.
 */
class AccessibilityAuditTest extends PageTestBase {
    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @Test
    void everyState_inLight_hasNoWcagViolation() {
        assertNoViolations(auditEveryState(page, uploader, "light"));
    }

    @Test
    void everyState_inDarkOnAPhone_hasNoWcagViolation() {
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setDeviceScaleFactor(2).setColorScheme(ColorScheme.DARK))) {
            Page small = phone.newPage();
            small.onPageError(pageErrors::add);
            assertNoViolations(auditEveryState(small, new UploaderPage(small, stack.baseUrl().toString()), "dark"));
        }
    }

    @Test
    void theAudit_catchesAVisibleLabelThatIsNotInTheAccessibleName_soItCanFail() {
        // Given the page with one button like the old recent list's: it shows "Forget", but is named otherwise
        Axe.serveTo(page, stack.baseUrl().toString());
        uploader.open();
        page.evaluate("() => { const b = document.createElement('button'); b.textContent = 'Forget';"
                + "b.setAttribute('aria-label', 'Remove cat.png from this list'); document.querySelector('main').append(b); }");

        // When the page is audited
        List<Axe.Violation> violations = Axe.audit(page);

        // Then WCAG 2.5.3 (label in name) is what it reports, for that button
        assertEquals(List.of("label-content-name-mismatch"), violations.stream().map(Axe.Violation::id).toList(),
                violations.toString());
        assertTrue(violations.get(0).toString().contains("Remove cat.png from this list"), violations.toString());
    }

    /** Drives one page through every state, auditing and photographing each; the violations by state. */
    private Map<String, List<Axe.Violation>> auditEveryState(Page page, UploaderPage uploader, String scheme) {
        Map<String, List<Axe.Violation>> found = new LinkedHashMap<>();
        Axe.serveTo(page, stack.baseUrl().toString());

        page.route("**/api/limits", route -> route.fulfill(new Route.FulfillOptions().setStatus(503)));
        page.navigate(stack.baseUrl() + "/");
        page.locator("#limits.is-error button").waitFor();
        audit(page, found, "limits-failed", scheme);
        page.unroute("**/api/limits");

        uploader.open();
        audit(page, found, "empty", scheme);

        Locator keep = page.locator("#keep");
        if (keep.isVisible()) {
            keep.selectOption("7d"); // so the list below shows a removal date
        }
        List<Route> held = new CopyOnWriteArrayList<>();
        Predicate<String> s3 = this::isS3;
        page.route(s3, route -> {
            if ("PUT".equals(route.request().method())) {
                held.add(route); // answered below, once the "uploading" state has been audited
            } else {
                route.resume();
            }
        });
        uploader.choose(new FilePayload("harbour.png", "image/png", SampleImages.png(320, 200)));
        page.locator("#uploads .upload-state", new Page.LocatorOptions().setHasText("Uploading")).waitFor();
        audit(page, found, "uploading", scheme);
        held.forEach(Route::resume);
        uploader.waitForRows("done", 1);
        page.unroute(s3);
        page.locator("#recent .recent-item").first().waitFor();
        audit(page, found, "published", scheme);

        byte[] random = new byte[2048];
        new Random(3).nextBytes(random);
        uploader.choose(new FilePayload("noise.png", "image/png", random),
                new FilePayload("IMG_0001.HEIC", "image/heic", new byte[] {1, 2, 3}));
        uploader.waitForRows("refused", 2);
        audit(page, found, "refused", scheme);

        page.route("**/api/uploads", route -> route.fulfill(new Route.FulfillOptions().setStatus(413)
                .setContentType("application/json")
                .setBody("{\"error\":{\"code\":\"too_large\",\"message\":\"The file is larger than the limit.\"}}")));
        uploader.choose(new FilePayload("big.png", "image/png", SampleImages.png(40, 40)));
        uploader.waitForRows("failed", 1);
        page.unroute("**/api/uploads");
        audit(page, found, "failed", scheme);

        page.reload();
        page.locator("#recent .recent-item").first().waitFor();
        audit(page, found, "recent-list", scheme);

        Locator delete = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete harbour.png"));
        if (delete.count() > 0) {
            delete.click();
            page.locator("dialog#confirm[open]").waitFor();
            audit(page, found, "delete-confirmation", scheme);
            page.locator("#confirm-cancel").click();
        } else {
            found.put("delete-confirmation", List.of(new Axe.Violation("no-delete-button", "n/a",
                    "the recent entry has no Delete button, so the confirmation could not be audited", List.of())));
        }
        return found;
    }

    private void audit(Page page, Map<String, List<Axe.Violation>> found, String state, String scheme) {
        found.put(state, Axe.audit(page));
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshotDirectory().resolve("audit-" + scheme + "-" + state + ".png")));
    }

    private static void assertNoViolations(Map<String, List<Axe.Violation>> found) {
        String report = found.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey() + ":\n  " + entry.getValue().stream().map(Axe.Violation::toString)
                        .collect(Collectors.joining("\n  ")))
                .collect(Collectors.joining("\n"));
        assertEquals(List.of("limits-failed", "empty", "uploading", "published", "refused", "failed", "recent-list",
                "delete-confirmation"), List.copyOf(found.keySet()), "states audited");
        assertTrue(report.isEmpty(), "WCAG 2.1 A/AA violations:\n" + report);
    }
}
