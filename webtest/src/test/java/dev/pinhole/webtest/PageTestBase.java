package dev.pinhole.webtest;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One local stack and one Chromium per test class; a fresh browser context (own localStorage, own
 * routes) per test. Page errors and console errors are collected so tests can assert there were none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageTestBase {
    protected LocalStack stack;
    protected Chromium chromium;
    protected BrowserContext context;
    protected Page page;
    protected UploaderPage uploader;
    protected final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private Path dataDirectory;

    /** The handler's environment for this class's stack, as Lambda would have it. */
    protected abstract Map<String, String> environment();

    /** How this class's stack runs; a class that moves the functions' clock gives its own. */
    protected LocalOptions options() {
        return LocalOptions.TESTS;
    }

    @BeforeAll
    void startStackAndBrowser() throws IOException {
        chromium = Chromium.launch();
        dataDirectory = Files.createTempDirectory("pinhole-webtest");
        stack = LocalStack.start(LocalSettings.forTests(dataDirectory), environment(), options());
    }

    @BeforeEach
    void openPage() {
        context = chromium.browser().newContext(contextOptions());
        page = context.newPage();
        // Console errors are expected (a refused PUT logs one); uncaught exceptions and CSP violations never are.
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                pageErrors.add(message.text());
            }
        });
        uploader = new UploaderPage(page, stack.baseUrl().toString());
    }

    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setViewportSize(1000, 900);
    }

    @AfterEach
    void closeContextAndCheckForScriptErrors() {
        List<String> errors = List.copyOf(pageErrors);
        pageErrors.clear();
        if (context != null) {
            context.close();
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), errors, "uncaught errors in the page");
    }

    @AfterAll
    void stopStackAndBrowser() {
        if (stack != null) {
            stack.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        deleteRecursively(dataDirectory);
    }

    /** Whether a request went to the local S3 server (the upload target), as opposed to the page's server. */
    protected boolean isS3(String url) {
        return url.startsWith(stack.s3Endpoint().toString());
    }

    protected static Path screenshotDirectory() {
        Path directory = Path.of(System.getProperty("pinhole.screenshots", "target/screenshots"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }
}
