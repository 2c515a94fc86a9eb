package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delete links end to end on the local stack, as a client lives them: the ticket's delete action with the right
 * token, and with every wrong one; twice; and what the link, the status, the store and the CDN see afterwards.
 */
class DeleteEndToEndTest {
    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;
    static int seed = 10;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A published image: its ticket (with the delete action) and its bytes. */
    record Published(JsonObject ticket, byte[] image) {
    }

    static Published publish() {
        byte[] image = SampleImages.png(30 + seed, 20 + seed++);
        Reply issued = client.requestTicket("png", image, true);
        assertEquals(201, issued.status(), issued.text());
        client.uploadAndAwaitPublished(issued.json(), image);
        return new Published(issued.json(), image);
    }

    @Test
    void rightToken_deletes_theLinkStopsServingAtOnce_andExactlyItsPathIsInvalidated() {
        // Given a published image whose link serves
        Published published = publish();
        JsonObject ticket = published.ticket();
        assertArrayEquals(published.image(), client.get(TakeBack.link(ticket), Map.of()).body());
        ImageKey key = ImageKey.parseName(TakeBack.name(ticket)).orElseThrow();

        // When its delete action is performed as the ticket gives it
        Reply deleted = TakeBack.delete(ticket);

        // Then the image is deleted: the link no longer serves, the status says so, the CDN is told about its path
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals("deleted", deleted.json().get("state").getAsString());
        Reply link = client.get(TakeBack.link(ticket), Map.of());
        assertEquals(404, link.status());
        assertEquals("no-store", link.header("cache-control"));
        Reply status = client.get(TakeBack.link(ticket).resolve("/api/images/" + key.name()), Map.of());
        assertEquals(200, status.status(), status.text());
        assertEquals("deleted", status.json().get("state").getAsString());
        TakeBack.await(() -> stack.invalidatedPaths().contains(key.linkPath()), "no invalidation of " + key.linkPath());
        assertEquals(List.of(key.linkPath()), stack.invalidatedPaths().stream().filter(key.linkPath()::equals).toList());
        // and the marker that asked for the invalidation is gone once it was made
        TakeBack.await(() -> !stack.store().blobExists(stack.bucket(), key.pendingInvalidationKey()),
                "the pending-invalidation marker stays");
        assertFalse(stack.store().blobExists(stack.bucket(), key.publicKey()));
    }

    static Stream<Arguments> wrongTokens() {
        BiFunction<JsonObject, JsonObject, String> right = (ticket, other) -> TakeBack.token(ticket);
        return Stream.of(
                Arguments.of("wrong", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) -> DeleteToken.mint()),
                Arguments.of("missing", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) -> null),
                Arguments.of("empty", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) -> ""),
                Arguments.of("truncated", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) ->
                        right.apply(ticket, other).substring(0, 42)),
                Arguments.of("one character more", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) ->
                        right.apply(ticket, other) + "A"),
                Arguments.of("its hash", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) ->
                        DeleteToken.hash(right.apply(ticket, other))),
                Arguments.of("another image's", (BiFunction<JsonObject, JsonObject, String>) (ticket, other) ->
                        TakeBack.token(other)));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("wrongTokens")
    void wrongToken_isRefused403_andNothingChanges(String kind, BiFunction<JsonObject, JsonObject, String> token) {
        // Given two published images
        Published target = publish();
        Published other = publish();
        TakeBack.awaitEventsHandled(stack);
        List<String> invalidatedBefore = stack.invalidatedPaths();

        // When the first one's delete action is sent with a token that is not its own
        Reply refused = TakeBack.delete(target.ticket(), token.apply(target.ticket(), other.ticket()));

        // Then it is refused, and both images still serve as before; no invalidation was asked for
        assertEquals(403, refused.status(), refused.text());
        assertEquals("delete_token_invalid", TakeBack.errorCode(refused));
        assertArrayEquals(target.image(), client.get(TakeBack.link(target.ticket()), Map.of()).body());
        assertArrayEquals(other.image(), client.get(TakeBack.link(other.ticket()), Map.of()).body());
        assertEquals("published", client.awaitOutcome(target.ticket()).get("state").getAsString());
        TakeBack.awaitEventsHandled(stack);
        assertEquals(invalidatedBefore, stack.invalidatedPaths());
        // and the right token still works afterwards
        assertEquals(200, TakeBack.delete(target.ticket()).status());
    }

    @Test
    void secondDelete_isGone410_whateverTheToken() {
        // Given an image deleted once
        Published published = publish();
        assertEquals(200, TakeBack.delete(published.ticket()).status());

        // When it is deleted again, with its token and with another
        Reply again = TakeBack.delete(published.ticket());
        Reply wrong = TakeBack.delete(published.ticket(), DeleteToken.mint());

        // Then both are told it is gone
        assertEquals(410, again.status(), again.text());
        assertEquals("gone", TakeBack.errorCode(again));
        assertEquals(410, wrong.status(), wrong.text());
        assertEquals(404, client.get(TakeBack.link(published.ticket()), Map.of()).status());
    }

    @Test
    void reuploadWithTheUsedTicket_afterDelete_neverServes() {
        // Given an image published and deleted, whose upload URL has not expired yet
        Published published = publish();
        JsonObject ticket = published.ticket();
        assertEquals(200, TakeBack.delete(ticket).status());

        // When the same ticket is used to upload the same bytes again
        Reply put = client.upload(ticket, published.image());
        TakeBack.awaitEventsHandled(stack);

        // Then whatever S3 says to the PUT, the link never serves again, and the status stays deleted
        assertTrue(put.status() == 200 || put.status() == 412, put.status() + " " + put.text());
        assertEquals(404, client.get(TakeBack.link(ticket), Map.of()).status());
        assertFalse(stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString()));
        assertEquals("deleted", client.awaitOutcome(ticket).get("state").getAsString());
    }

    @Test
    void unknownOrMalformedName_is404_asForStatus() {
        Reply unknown = client.get(stack.baseUrl().resolve("/api/images/AAAAAAAAAAAAAAAAAAAAAA.png"), Map.of());
        assertEquals(404, unknown.status());
        Published published = publish();
        JsonObject elsewhere = published.ticket().deepCopy();
        elsewhere.getAsJsonObject("delete").addProperty("url",
                stack.baseUrl().resolve("/api/images/AAAAAAAAAAAAAAAAAAAAAA.png").toString());
        JsonObject malformed = published.ticket().deepCopy();
        malformed.getAsJsonObject("delete").addProperty("url",
                stack.baseUrl().resolve("/api/images/..%2Fi%2F" + TakeBack.name(published.ticket())).toString());

        Reply neverUploaded = TakeBack.delete(elsewhere);
        Reply traversal = TakeBack.delete(malformed);

        assertEquals(404, neverUploaded.status(), neverUploaded.text());
        assertEquals("not_found", TakeBack.errorCode(neverUploaded));
        assertEquals(404, traversal.status(), traversal.text());
        assertArrayEquals(published.image(), client.get(TakeBack.link(published.ticket()), Map.of()).body());
    }

    @Test
    void deleteAction_pointsAtTheImagesOwnStatusResource_andItsHashTravelsOnlyInMetadata() {
        Published published = publish();
        JsonObject ticket = published.ticket();
        String token = TakeBack.token(ticket);

        assertEquals(ticket.getAsJsonObject("status").get("url").getAsString(),
                ticket.getAsJsonObject("delete").get("url").getAsString());
        assertEquals(43, token.length());
        assertEquals(DeleteToken.hash(token), ticket.getAsJsonObject("upload").getAsJsonObject("headers")
                .get(ImageMetadata.header(ImageMetadata.DELETE_HASH)).getAsString());
        // the published object keeps the hash (never the token) for the image API to compare with
        assertEquals(DeleteToken.hash(token), stack.store().blobMetadata(stack.bucket(),
                ticket.get("key").getAsString()).metadata().get(ImageMetadata.DELETE_HASH));
        assertFalse(client.get(TakeBack.link(ticket), Map.of()).response().headers().map().keySet().stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")));
    }
}
