package dev.pinhole.webtest;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.pinhole.testkit.RequiredTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, driven by Playwright. Playwright's own browser download is switched off (see the
 * pom), so the browser is whatever the machine has; without one the tests skip, or fail in CI.
 */
final class Chromium implements AutoCloseable {
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        Path executable = RequiredTools.require("Chromium (Debian package 'chromium')",
                RequiredTools.onPath("chromium", "/usr/bin/chromium", "chromium-browser"));
        // Also set here, not only in the pom, so a run from an IDE never starts a browser download either.
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(ARGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException failed) {
            playwright.close();
            throw failed;
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
