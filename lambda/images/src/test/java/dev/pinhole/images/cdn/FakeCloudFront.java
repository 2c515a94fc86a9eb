package dev.pinhole.images.cdn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloudFront's API as the invalidator meets it, on loopback: records each request as it arrived and answers with
 * the queued answers (then 201 with an Invalidation, as CloudFront does). The answers' XML is CloudFront's
 * documented shape.
 */
final class FakeCloudFront implements AutoCloseable {
    /** One request as it arrived: header names in lower case, values as sent. */
    record Received(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Answer(int status, String body, Runnable before) {
    }

    static final String CREATED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id>\
            <Status>InProgress</Status><CreateTime>2026-12-01T19:30:00.000Z</CreateTime></Invalidation>""";

    static String error(String type, String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>f5a7c0b6-1d36-4f0a-9a6e-0c2d3a4b5c6d</RequestId></ErrorResponse>";
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    FakeCloudFront() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next request with this (before running {@code before}, if any). */
    synchronized FakeCloudFront then(int status, String body, Runnable before) {
        answers.add(new Answer(status, body, before));
        return this;
    }

    synchronized FakeCloudFront then(int status, String body) {
        return then(status, body, () -> { });
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            Answer answer;
            synchronized (this) {
                answer = answers.isEmpty() ? new Answer(201, CREATED, () -> { }) : answers.poll();
            }
            answer.before().run();
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.getResponseHeaders().add("x-amz-request-id", "f5a7c0b6-1d36-4f0a-9a6e-0c2d3a4b5c6d");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
