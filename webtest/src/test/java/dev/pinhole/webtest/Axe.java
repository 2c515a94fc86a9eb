package dev.pinhole.webtest;

import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.pinhole.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * axe-core, the accessibility engine, pinned by webtest/axe/package-lock.json and installed from npm with
 * {@code npm ci} when node_modules is missing or holds another version (as infra's validator is). Nothing
 * comes from a CDN: the engine is served to the page from that node_modules by a Playwright route on the
 * page's own origin, so the page's Content Security Policy (scripts from 'self' only) stays on while it runs.
 */
final class Axe {
    private static final Path DIRECTORY = Path.of(System.getProperty("pinhole.axe", "axe")).toAbsolutePath();
    private static final Path MANIFEST = DIRECTORY.resolve("node_modules/axe-core/package.json");
    private static final Path SCRIPT = DIRECTORY.resolve("node_modules/axe-core/axe.min.js");
    /** Where the route serves the engine on the page's origin; nothing real lives there. */
    private static final String SCRIPT_PATH = "/__webtest/axe.min.js";

    /**
     * WCAG 2.0 and 2.1, levels A and AA. label-content-name-mismatch (2.5.3, label in name) is tagged wcag21a
     * in the pinned version but was experimental, and so off by default, before it: enabled by name as well,
     * so that a change of version can never quietly drop it.
     */
    static final String RUN = """
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                rules: { 'label-content-name-mismatch': { enabled: true } },
                resultTypes: ['violations'],
              });
              return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })) }));
            }""";

    private Axe() {
    }

    /** One rule broken on the page, with every element that breaks it. */
    record Violation(String id, String impact, String help, List<Map<String, Object>> nodes) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + nodes.stream()
                    .map(node -> "\n    " + node.get("target") + "  " + node.get("html") + "\n      "
                            + String.valueOf(node.get("summary")).replace("\n", "\n      "))
                    .collect(Collectors.joining());
        }
    }

    /** The version package.json pins; exact, so the lockfile and this agree. */
    static String pinnedVersion() {
        return JsonParser.parseString(read(DIRECTORY.resolve("package.json"))).getAsJsonObject()
                .getAsJsonObject("dependencies").get("axe-core").getAsString();
    }

    static String installedVersion() {
        return JsonParser.parseString(read(MANIFEST)).getAsJsonObject().get("version").getAsString();
    }

    static synchronized void install() {
        if (Files.isRegularFile(MANIFEST) && installedVersion().equals(pinnedVersion())) {
            return;
        }
        Path npm = RequiredTools.require("npm (Debian package 'npm')", RequiredTools.onPath("npm"));
        try {
            Path log = Files.createTempFile("pinhole-axe-npm", ".log");
            Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                    .directory(DIRECTORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci in " + DIRECTORY + " took over 300 s");
            }
            String output = read(log);
            Files.delete(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + DIRECTORY + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm ci in " + DIRECTORY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running npm ci", e);
        }
    }

    /**
     * Serves the engine to this page at {@link #SCRIPT_PATH} on {@code origin}; call before {@link #audit}.
     * The route lives as long as the page, so the engine loads again after a reload.
     */
    static void serveTo(Page page, String origin) {
        install();
        byte[] script;
        try {
            script = Files.readAllBytes(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.route(origin + SCRIPT_PATH, route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("text/javascript; charset=utf-8").setBodyBytes(script)));
    }

    /** Runs the audit on the page as it is now; loads the engine first if this document does not have it. */
    static List<Violation> audit(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setUrl(SCRIPT_PATH));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) page.evaluate(RUN);
        return found.stream().map(Axe::violation).toList();
    }

    @SuppressWarnings("unchecked")
    private static Violation violation(Map<String, Object> found) {
        return new Violation((String) found.get("id"), (String) found.get("impact"), (String) found.get("help"),
                (List<Map<String, Object>>) found.get("nodes"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
