package dev.pinhole.webtest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The uploader page as tests drive it: the three ways in, and what each file's row shows. */
final class UploaderPage {
    private static final double TIMEOUT_MS = 30_000;

    private final Page page;
    private final String baseUrl;

    UploaderPage(Page page, String baseUrl) {
        this.page = page;
        this.baseUrl = baseUrl;
    }

    /** Opens the page and waits until it has read the server's limits. */
    UploaderPage open() {
        page.navigate(baseUrl + "/");
        // Locators, not waitForFunction: the page's CSP forbids eval, which waitForFunction relies on.
        page.locator("body.ready #limits:not(.is-loading)").waitFor();
        return this;
    }

    void choose(FilePayload... files) {
        page.locator("#file-input").setInputFiles(files);
    }

    /** Drops files on the page the way a browser does: dragenter, dragover, drop with a real DataTransfer. */
    void drop(String name, String type, byte[] bytes) {
        drag(name, type, bytes, List.of("dragenter", "dragover", "drop"));
    }

    /** Holds a file over the page without dropping it: the page shows its drop overlay. */
    void dragOver(String name, String type, byte[] bytes) {
        drag(name, type, bytes, List.of("dragenter", "dragover"));
    }

    private void drag(String name, String type, byte[] bytes, List<String> events) {
        page.evaluate("([name, type, base64, events]) => {"
                + FILE_FROM_BASE64
                + "const transfer = new DataTransfer();"
                + "transfer.items.add(file);"
                + "const target = document.querySelector('.recent') || document.body;"
                + "for (const kind of events) {"
                + "  target.dispatchEvent(new DragEvent(kind, {dataTransfer: transfer, bubbles: true, cancelable: true}));"
                + "}}", List.of(name, type, Base64.getEncoder().encodeToString(bytes), events));
    }

    /** Pastes a file as Ctrl+V of a copied image does: a paste event whose clipboardData holds a File. */
    void paste(String name, String type, byte[] bytes) {
        page.evaluate("([name, type, base64]) => {"
                + FILE_FROM_BASE64
                + "const transfer = new DataTransfer();"
                + "transfer.items.add(file);"
                + "document.body.dispatchEvent(new ClipboardEvent('paste',"
                + "  {clipboardData: transfer, bubbles: true, cancelable: true}));"
                + "}", List.of(name, type, Base64.getEncoder().encodeToString(bytes)));
    }

    private static final String FILE_FROM_BASE64 =
            "const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));"
            + "const file = new File([bytes], name, {type});";

    Locator rows() {
        return page.locator("#uploads > li.upload");
    }

    Locator rowsIn(String state) {
        return page.locator("#uploads > li.upload[data-state='" + state + "']");
    }

    /** Waits until {@code count} rows are in {@code state}; fails with what the rows say otherwise. */
    void waitForRows(String state, int count) {
        try {
            rowsIn(state).nth(count - 1).waitFor(new Locator.WaitForOptions().setTimeout(TIMEOUT_MS));
        } catch (RuntimeException timeout) {
            throw new AssertionError("expected " + count + " row(s) " + state + "; rows say: " + rowTexts(), timeout);
        }
    }

    @SuppressWarnings("unchecked")
    List<String> rowTexts() {
        return (List<String>) rows().evaluateAll("rows => rows.map(r => r.dataset.state + ': ' + r.innerText.replace(/\\s+/g, ' '))");
    }

    /** The public link a finished row offers. */
    static String linkOf(Locator row) {
        return row.locator(".copy-link .copy-field").inputValue();
    }

    static String stateText(Locator row) {
        return row.locator(".upload-state").innerText();
    }

    static String fileName(Locator row) {
        return row.locator(".file-name").innerText();
    }

    Map<String, Object> limits() {
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = (Map<String, Object>) page.evaluate(
                "() => fetch('/api/limits').then(r => r.json())");
        return limits;
    }

    void waitForHidden(String selector) {
        page.locator(selector).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }
}
