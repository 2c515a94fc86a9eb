package dev.pinhole.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The two-step upload as a client performs it: ask the API for a ticket, PUT the bytes to S3 with the
 * ticket's headers. Tests use it to drive a running Pinhole over real HTTP.
 */
public final class TicketClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /** @param base where the API is, e.g. http://127.0.0.1:8080 */
    public TicketClient(URI base) {
        this.base = base;
    }

    public Reply requestTicket(String json) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/uploads"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request);
    }

    public Reply requestTicket(String extension, byte[] image, boolean withChecksum) {
        String checksum = withChecksum ? ",\"sha256\":\"" + sha256Base64(image) + "\"" : "";
        return requestTicket("{\"extension\":\"" + extension + "\",\"size\":" + image.length + checksum + "}");
    }

    /** PUTs the bytes with exactly the ticket's headers, as a well-behaved client does. */
    public Reply upload(JsonObject ticket, byte[] image) {
        JsonObject upload = ticket.getAsJsonObject("upload");
        return put(URI.create(upload.get("url").getAsString()), headers(ticket), image);
    }

    /** A PUT with whatever URL, headers and body a test chooses, to show what S3 refuses. */
    public Reply put(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Reply get(URI url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * Asks the ticket's status action until the publisher has decided, as a client waits for its link: the
     * answer's {@code state} is then {@code published} or {@code refused}. Fails after 30 seconds of
     * {@code checking}, with the last answer.
     */
    public JsonObject awaitOutcome(JsonObject ticket) {
        URI status = URI.create(ticket.getAsJsonObject("status").get("url").getAsString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Reply last;
        do {
            last = get(status, Map.of());
            if (last.status() == 200 && !"checking".equals(last.json().get("state").getAsString())) {
                return last.json();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no outcome within 30 s for " + status + ": " + last.status() + " " + last.text());
    }

    /**
     * GETs a link as a person opening it a moment after the upload would: again while it answers 404 (the
     * publisher has not published the image yet), for at most 30 seconds; returns the last answer.
     */
    public Reply awaitServed(URI link) {
        Reply reply = get(link, Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reply.status() == 404 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            reply = get(link, Map.of());
        }
        return reply;
    }

    /** Uploads with the ticket and waits until the image is published; fails if it is refused. */
    public JsonObject uploadAndAwaitPublished(JsonObject ticket, byte[] image) {
        Reply put = upload(ticket, image);
        if (put.status() != 200) {
            throw new AssertionError("upload refused: " + put.status() + " " + put.text());
        }
        JsonObject outcome = awaitOutcome(ticket);
        if (!"published".equals(outcome.get("state").getAsString())) {
            throw new AssertionError("not published: " + outcome);
        }
        return outcome;
    }

    /** The object key the ticket uploads to: its name under u/, where the publisher finds it. */
    public static String uploadKey(JsonObject ticket) {
        return "u/" + ticket.get("key").getAsString().substring("i/".length());
    }

    public static Map<String, String> headers(JsonObject ticket) {
        JsonObject headers = ticket.getAsJsonObject("upload").getAsJsonObject("headers");
        Map<String, String> result = new java.util.LinkedHashMap<>();
        headers.entrySet().forEach(e -> result.put(e.getKey(), e.getValue().getAsString()));
        return result;
    }

    public static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, raw body, and the body as JSON when it is JSON. */
    public record Reply(int status, byte[] body, HttpResponse<byte[]> response) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            return JsonParser.parseString(text()).getAsJsonObject();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** S3's error code from its XML error body, e.g. SignatureDoesNotMatch. */
        public String s3ErrorCode() {
            String text = text();
            int start = text.indexOf("<Code>");
            int end = text.indexOf("</Code>");
            return start < 0 || end < start ? null : text.substring(start + 6, end);
        }
    }
}
