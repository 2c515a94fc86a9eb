package dev.pinhole.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.pinhole.core.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the uploader page from web/, as the site bucket does behind CloudFront. Files are read on each
 * request, so editing the page needs no restart.
 */
final class StaticFiles implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "webmanifest", "application/manifest+json",
            "txt", "text/plain; charset=utf-8");

    private final Path root;
    private final String contentSecurityPolicy;

    /** @param uploadOrigin the S3 origin the page PUTs to, the only other place it may connect to */
    StaticFiles(Path root, URI uploadOrigin) {
        this.root = root.toAbsolutePath().normalize();
        this.contentSecurityPolicy = "default-src 'self'; connect-src 'self' " + uploadOrigin
                + "; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
                + " form-action 'none'";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (Responses.refusedUnlessRead(exchange, "The page")) {
                return;
            }
            Path file = resolve(exchange.getRequestURI().getPath());
            if (file == null || !Files.isRegularFile(file)) {
                Responses.error(exchange, ErrorCode.NOT_FOUND, "There is nothing at this address.");
                return;
            }
            Headers headers = exchange.getResponseHeaders();
            headers.set("content-type", TYPES.getOrDefault(extension(file), "application/octet-stream"));
            headers.set("cache-control", "no-cache");
            headers.set("x-content-type-options", "nosniff");
            headers.set("referrer-policy", "no-referrer");
            headers.set("content-security-policy", contentSecurityPolicy);
            byte[] body = Files.readAllBytes(file);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                headers.set("content-length", Integer.toString(body.length));
            }
            Responses.send(exchange, 200, body);
        }
    }

    /**
     * The file for a request path, or null when any segment of it is hidden (".git", ".env", and so "."
     * and ".." too) or a symbolic link, as the JDK's SimpleFileServer decides: a link in web/ could point
     * anywhere on the machine, and a hidden directory may hold files whose own names look harmless.
     */
    private Path resolve(String path) {
        if (path == null || path.indexOf('\0') >= 0 || path.contains("\\")) {
            return null;
        }
        Path file = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            file = file.resolve(segment);
            if (segment.startsWith(".") || Files.isSymbolicLink(file)) {
                return null;
            }
        }
        if (!file.normalize().startsWith(root)) {
            return null;
        }
        if (!Files.isDirectory(file)) {
            return file;
        }
        Path index = file.resolve("index.html");
        return Files.isSymbolicLink(index) ? null : index;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
