package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the delete and lifetime tests do with a ticket beyond the upload: perform its delete action (verbatim, or
 * with another token), and wait for what happens off the request path (events, invalidations) to settle.
 */
final class TakeBack {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TakeBack() {
    }

    /** Performs the ticket's delete action exactly as the ticket gives it. */
    static TicketClient.Reply delete(JsonObject ticket) {
        return delete(ticket, token(ticket));
    }

    /** The ticket's delete action with this token in its header instead (none if null). */
    static TicketClient.Reply delete(JsonObject ticket, String token) {
        JsonObject action = ticket.getAsJsonObject("delete");
        assertEquals("DELETE", action.get("method").getAsString(), action.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(action.get("url").getAsString()))
                .timeout(Duration.ofSeconds(30)).DELETE();
        if (token != null) {
            request.header(DeleteToken.HEADER, token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new TicketClient.Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String token(JsonObject ticket) {
        return ticket.getAsJsonObject("delete").getAsJsonObject("headers").get(DeleteToken.HEADER).getAsString();
    }

    static String name(JsonObject ticket) {
        return ticket.get("key").getAsString().substring("i/".length());
    }

    static URI link(JsonObject ticket) {
        return URI.create(ticket.get("url").getAsString());
    }

    static String errorCode(TicketClient.Reply reply) {
        return reply.json().getAsJsonObject("error").get("code").getAsString();
    }

    /** Waits (at most 30 s) until the stack's events (publisher, invalidator) are all handled. */
    static void awaitEventsHandled(LocalStack stack) {
        await(() -> stack.eventsPending() == 0, "events still pending");
    }

    static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " after 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
