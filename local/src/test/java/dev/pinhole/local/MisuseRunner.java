package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Runs misuses of fresh tickets against one local stack: each gets its own ticket, its answer is checked, then
 * what the store holds, and a row of the table docs/SECURITY.md shows is kept. Also the requests misuses are
 * made of, since most are the ticket's own PUT with one thing changed.
 */
final class MisuseRunner {
    final LocalStack stack;
    final TicketClient client;
    final byte[] image;
    private final List<String> rows = new ArrayList<>();

    MisuseRunner(LocalStack stack, byte[] image) {
        this.stack = stack;
        this.client = new TicketClient(stack.baseUrl());
        this.image = image.clone();
    }

    void run(Misuse misuse) {
        Reply issued = client.requestTicket("png", image, true);
        assertEquals(201, issued.status(), issued.text());
        JsonObject ticket = issued.json();
        String key = ticket.get("key").getAsString();

        Misuse.Outcome outcome = misuse.attempt().apply(ticket);

        // The upload (u/) or, once the publisher has checked it, the image (i/)
        boolean stored = stack.store().blobExists(stack.bucket(), TicketClient.uploadKey(ticket))
                || stack.store().blobExists(stack.bucket(), key);
        rows.add("| " + misuse.name() + " | " + outcome.status() + " | " + (outcome.s3Code() == null ? "-" : outcome.s3Code())
                + " | " + (outcome.otherKey() != null ? "yes, at " + outcome.otherKey()
                : stored ? misuse.stored().description : "no") + " | " + misuse.aws() + " |");
        assertEquals(misuse.status(), outcome.status(), misuse.name());
        assertEquals(misuse.s3Code(), outcome.s3Code(), misuse.name());
        if (misuse.stored() == Misuse.Stored.NOTHING) {
            assertFalse(stored, "nothing may be stored under " + key);
        } else {
            Reply link = client.awaitServed(URI.create(ticket.get("url").getAsString()));
            assertArrayEquals(image, link.body(), "the link serves the ticket's own bytes");
            assertEquals("image/png", link.header("content-type"));
        }
        assertNull(outcome.otherKey(), "stored under a key the client chose: " + outcome.otherKey());
    }

    void writeTable(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "| misuse | local S3 status | S3 error code | stored afterwards | what AWS S3 answers |\n"
                    + "|---|---|---|---|---|\n" + String.join("\n", rows) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object put straight into the store, e.g. the source a copy would read. */
    void putObject(String bucket, String key, String contentType, byte[] bytes) {
        if (!stack.store().containerExists(bucket)) {
            stack.store().createContainer(bucket);
        }
        stack.store().putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .contentLength((long) bytes.length).build(), new ByteArrayInputStream(bytes));
    }

    /** The ticket's own PUT, with these headers and body, sent exactly as written. */
    Misuse.Outcome put(JsonObject ticket, Map<String, String> headers, byte[] body) {
        URI upload = URI.create(url(ticket));
        return send(ticket, "PUT", upload.getRawPath() + "?" + upload.getRawQuery(), headers, body);
    }

    /** Any request to the ticket's S3 server, sent exactly as written (method, target, headers, body). */
    Misuse.Outcome send(JsonObject ticket, String method, String target, Map<String, String> headers, byte[] body) {
        return Misuse.Outcome.of(RawHttp.send(URI.create(url(ticket)), method, target, headers, body));
    }

    static String url(JsonObject ticket) {
        return ticket.getAsJsonObject("upload").get("url").getAsString();
    }

    static Map<String, String> headers(JsonObject ticket) {
        return TicketClient.headers(ticket);
    }

    static Map<String, String> with(JsonObject ticket, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        headers.put(name, value);
        return headers;
    }

    static Map<String, String> without(JsonObject ticket, String name) {
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        assertTrue(headers.remove(name) != null, name + " is among the signed headers");
        return headers;
    }
}
