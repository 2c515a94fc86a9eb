package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page's file server over a web folder laid with traps: a hidden folder whose file has an ordinary
 * name, symbolic links to a file and to a folder outside it, and a link standing in for a folder's index.
 */
class StaticFilesTest {
    private static final String SECRET = "SECRET-5d1e";

    @TempDir
    static Path web;
    @TempDir
    static Path outside;
    private static HttpServer server;
    private static URI base;

    @BeforeAll
    static void layTheFolder() throws IOException {
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>page</title>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/main.js"), "export {};");
        Files.createDirectories(web.resolve(".git"));
        Files.writeString(web.resolve(".git/config"), SECRET);
        Files.createDirectories(web.resolve("css/.cache"));
        Files.writeString(web.resolve("css/.cache/site.css"), SECRET);
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(web.resolve("notes.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(web.resolve("assets"), outside);
        Files.createDirectories(web.resolve("docs"));
        Files.writeString(outside.resolve("index.html"), SECRET);
        Files.createSymbolicLink(web.resolve("docs/index.html"), outside.resolve("index.html"));

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", new StaticFiles(web, URI.create("http://127.0.0.1:9")));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void ordinaryFiles_andTheIndex_areServed() {
        // Given the page's own files / When they are asked for / Then they are served
        assertEquals(200, get("/").status());
        assertEquals(200, get("/js/main.js").status());
        assertEquals(200, get("/index.html").status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/.git/config", "/css/.cache/site.css", "/%2egit/config", "/js/../.git/config",
            "/notes.txt", "/assets/secret.txt", "/assets/", "/docs/", "/docs/index.html", "/js/../index.html"})
    void hiddenOrLinkedPaths_areNotServed_atAnySegment(String path) {
        // Given a path through a hidden segment, a dot segment or a symbolic link
        RawHttp.Response response = get(path);

        // Then it is a 404 in the API's error shape, and nothing behind it leaks
        assertEquals(404, response.status(), path);
        assertFalse(response.text().contains(SECRET), path + " served what is behind it");
        assertEquals("not_found", JsonParser.parseString(new String(response.body(), StandardCharsets.UTF_8))
                .getAsJsonObject()
                .getAsJsonObject("error").get("code").getAsString());
    }

    private static RawHttp.Response get(String path) {
        return RawHttp.send(base, "GET", path, Map.of(), new byte[0]);
    }
}
