package dev.pinhole.local;

import com.sun.net.httpserver.HttpExchange;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ErrorJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing a whole response with the right Content-Length, HEAD and bodiless statuses included. */
final class Responses {
    private Responses() {
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean bodiless = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        if (bodiless) {
            // -1 means "no body"; for HEAD the real length was already set by the caller where it matters.
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void json(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers 405 unless the request is a GET or HEAD. Returns whether it did, so that read-only handlers
     * can stop there.
     */
    static boolean refusedUnlessRead(HttpExchange exchange, String what) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return false;
        }
        exchange.getResponseHeaders().set("allow", "GET, HEAD");
        error(exchange, ErrorCode.METHOD_NOT_ALLOWED, what + " can only be read (GET or HEAD).");
        return true;
    }

    /** A JSON error from the API's catalogue, in the shape and with the writer the API itself uses. */
    static void error(HttpExchange exchange, ErrorCode error, String message) throws IOException {
        json(exchange, error.status(), ErrorJson.of(error, message));
    }
}
