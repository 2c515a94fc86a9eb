package dev.pinhole.webtest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.tickets.TicketConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A private Pinhole (upload token required), used only with the keyboard, copying with the Clipboard API. */
class TokenAndKeyboardTest extends PageTestBase {
    private static final String TOKEN = "correct horse battery staple";

    @Override
    protected Map<String, String> environment() {
        return Map.of(TicketConfig.UPLOAD_TOKEN, TOKEN);
    }

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return super.contextOptions().setPermissions(List.of("clipboard-read", "clipboard-write"));
    }

    @Test
    void missingOrWrongToken_isExplained_andTheUploadSucceedsOnceTheRightOneIsEntered() {
        List<String> sentTokens = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().endsWith("/api/uploads")) {
                sentTokens.add(String.valueOf(request.headerValue("x-pinhole-token")));
            }
        });
        uploader.open();
        Locator token = page.getByLabel("Upload token");
        assertTrue(token.isVisible(), "the token field is shown when the server requires a token");

        uploader.choose(new FilePayload("private.png", "image/png", SampleImages.png(60, 60)));
        uploader.waitForRows("failed", 1);
        assertTrue(stateText().contains("Enter the upload token above"), stateText());
        assertEquals("true", token.getAttribute("aria-invalid"));
        assertEquals(List.of(), sentTokens, "no ticket is asked for without a token");

        token.fill("wrong");
        retry();
        page.locator("#uploads .upload-state", new Page.LocatorOptions().setHasText("right upload token")).waitFor();
        assertEquals("true", token.getAttribute("aria-invalid"));

        token.fill(TOKEN);
        assertEquals(null, token.getAttribute("aria-invalid"), "typing clears the error mark");
        retry();
        uploader.waitForRows("done", 1);
        assertEquals(List.of("wrong", TOKEN), sentTokens);
    }

    @Test
    void privatePinhole_withItsTokenFieldShownAndMarkedWrong_hasNoWcagViolation() {
        // Given the page of a private Pinhole after an upload was refused for want of the token
        Axe.serveTo(page, stack.baseUrl().toString());
        uploader.open();
        uploader.choose(new FilePayload("private.png", "image/png", SampleImages.png(60, 60)));
        uploader.waitForRows("failed", 1);

        // When it is audited (WCAG 2.1 A/AA)
        List<Axe.Violation> violations = Axe.audit(page);

        // Then nothing is reported
        assertEquals(List.of(), violations, () -> "WCAG 2.1 A/AA violations:\n" + violations);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshotDirectory().resolve("audit-light-token.png")));
    }

    private String stateText() {
        return UploaderPage.stateText(uploader.rows().first());
    }

    private void retry() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry private.png")).click();
    }

    @Test
    void keyboardOnly_choosesAFile_andCopiesItsLink() {
        page.addInitScript("sessionStorage.setItem('pinhole.token', '" + TOKEN + "')");
        // Listening before the page opens turns file-chooser interception on well ahead of the key press;
        // waitForFileChooser enables it asynchronously, which loses the race on a loaded machine.
        List<String> choosers = new CopyOnWriteArrayList<>();
        page.onFileChooser(chooser -> {
            choosers.add(chooser.isMultiple() ? "multiple" : "single");
            chooser.setFiles(new FilePayload("keys.png", "image/png", SampleImages.png(64, 48)));
        });
        uploader.open();

        page.keyboard().press("Tab");
        assertEquals("pick", page.evaluate("() => document.activeElement.id"), "the picker is the first stop");
        page.keyboard().press("Enter");
        uploader.waitForRows("done", 1);
        assertEquals(List.of("multiple"), choosers);

        Locator row = uploader.rowsIn("done").first();
        String link = UploaderPage.linkOf(row);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).focus();
        page.keyboard().press("Enter");
        assertEquals(link, page.evaluate("() => navigator.clipboard.readText()"));

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy markdown")).press("Enter");
        assertEquals("![keys](" + link + ")", page.evaluate("() => navigator.clipboard.readText()"));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy html")).press("Space");
        assertEquals("<img src=\"" + link + "\" alt=\"keys\">", page.evaluate("() => navigator.clipboard.readText()"));
        // The live region announces each copy (after a blank, so repeats are read too).
        assertThat(page.locator("#status")).containsText("copied to the clipboard");
    }
}
