package dev.pinhole.clitest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Stands in front of the API to misbehave on purpose: answers the first ticket requests with an error
 * (then passes them on to the real stack), tampers with tickets, answers like a web server that is not
 * Pinhole, or hands out a ticket of its own making. Also stands in for a storage or a proxy that records
 * what reached it.
 * Counts the ticket requests, so tests see whether the script retried.
 */
final class FrontServer implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger ticketRequests = new AtomicInteger();
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    private FrontServer(HttpServer server) {
        this.server = server;
    }

    /** Answers the first {@code failures} ticket requests with 503, and passes everything else to {@code api}. */
    static FrontServer failingFirst(int failures, URI api) {
        return failingFirst(failures, 503, "Service Unavailable", api);
    }

    /** Answers the first {@code failures} requests with {@code status} and a body like API Gateway's own. */
    static FrontServer failingFirst(int failures, int status, String message, URI api) {
        FrontServer front = create();
        front.server.createContext("/", exchange -> {
            try (exchange) {
                if (front.ticketRequests.incrementAndGet() <= failures) {
                    send(exchange, status, "application/json", "{\"message\":\"" + message + "\"}");
                } else {
                    front.forward(exchange, api, body -> body);
                }
            }
        });
        front.server.start();
        return front;
    }

    /** Passes requests on to {@code api}, replacing {@code from} with {@code to} in every answer. */
    static FrontServer rewriting(URI api, String from, String to) {
        FrontServer front = create();
        front.server.createContext("/", exchange -> {
            try (exchange) {
                front.ticketRequests.incrementAndGet();
                front.forward(exchange, api, body -> body.replace(from, to));
            }
        });
        front.server.start();
        return front;
    }

    /** A web server that is not Pinhole: 404 with an HTML page for every request. */
    static FrontServer notPinhole() {
        FrontServer front = create();
        front.server.createContext("/", exchange -> {
            try (exchange) {
                front.ticketRequests.incrementAndGet();
                send(exchange, 404, "text/html", "<html><body>Not Found</body></html>");
            }
        });
        front.server.start();
        return front;
    }

    /** Answers every request with 201 and this ticket, as a hostile or broken server would hand it out. */
    static FrontServer answering(String ticketJson) {
        FrontServer front = create();
        front.server.createContext("/", exchange -> {
            try (exchange) {
                front.ticketRequests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                send(exchange, 201, "application/json", ticketJson);
            }
        });
        front.server.start();
        return front;
    }

    /**
     * Passes ticket requests on to {@code api} but points each ticket's status action at itself, where it
     * answers every status request with 200 and {@code statusJson}: a server that lies about the check.
     */
    static FrontServer withStatus(URI api, String statusJson) {
        FrontServer front = create();
        String realStatus = api.resolve("/api/images/").toString();
        String ownStatus = front.baseUrl().resolve("/status/").toString();
        front.server.createContext("/api/", exchange -> {
            try (exchange) {
                front.ticketRequests.incrementAndGet();
                front.forward(exchange, api, body -> body.replace(realStatus, ownStatus));
            }
        });
        front.server.createContext("/status/", exchange -> {
            try (exchange) {
                send(exchange, 200, "application/json", statusJson);
            }
        });
        front.server.start();
        return front;
    }

    /** Answers every request with 200 and no body, keeping each as text: request line, headers, body. */
    static FrontServer recording() {
        FrontServer front = create();
        front.server.createContext("/", exchange -> {
            try (exchange) {
                StringBuilder request = new StringBuilder(exchange.getRequestMethod()).append(' ')
                        .append(exchange.getRequestURI()).append('\n');
                exchange.getRequestHeaders().forEach((name, values) ->
                        values.forEach(value -> request.append(name).append(": ").append(value).append('\n')));
                request.append('\n').append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
                front.recorded.add(request.toString());
                send(exchange, 200, "text/plain", "");
            }
        });
        front.server.start();
        return front;
    }

    /** What reached a {@link #recording()} server, one text per request. */
    List<String> recorded() {
        return List.copyOf(recorded);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int ticketRequests() {
        return ticketRequests.get();
    }

    private void forward(HttpExchange exchange, URI api, UnaryOperator<String> edit) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(exchange.getRequestURI().getPath()))
                .method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        for (String name : new String[] {"content-type", "x-pinhole-token"}) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            send(exchange, response.statusCode(), response.headers().firstValue("content-type").orElse("text/plain"),
                    edit.apply(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 502, "text/plain", "interrupted");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static FrontServer create() {
        try {
            return new FrontServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
