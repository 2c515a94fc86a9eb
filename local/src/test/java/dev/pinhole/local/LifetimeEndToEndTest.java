package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lifetimes end to end on the local stack: what /api/limits offers, a lifetime chosen, refused, carried onto the
 * published image (metadata, Cache-Control), and the image gone once the stack's clock has passed its removeAfter.
 */
class LifetimeEndToEndTest {
    static final Pattern MAX_AGE = Pattern.compile("public, max-age=([0-9]+)");

    @TempDir
    static Path data;
    @TempDir
    Path ownData;
    static LocalStack stack;
    static TicketClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS);
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String request(byte[] image, String lifetimeJson) {
        return "{\"extension\":\"png\",\"size\":" + image.length + ",\"sha256\":\"" + TicketClient.sha256Base64(image)
                + "\",\"lifetime\":" + lifetimeJson + "}";
    }

    @Test
    void limits_listTheOfferedLifetimes_shortestFirst_withTheDefault() {
        Reply limits = client.get(stack.baseUrl().resolve("/api/limits"), Map.of());

        assertEquals(200, limits.status(), limits.text());
        assertEquals(List.of("1d", "7d", "30d"), strings(limits.json().getAsJsonArray("lifetimes")));
        assertEquals("forever", limits.json().get("defaultLifetime").getAsString());
        assertTrue(limits.json().get("foreverAllowed").getAsBoolean());
    }

    @Test
    void chosenLifetime_reachesThePublishedImage_asMetadataAndAShorterCacheControl() {
        // Given a ticket for an image kept 7 days
        byte[] image = SampleImages.png(33, 21);
        Reply issued = client.requestTicket(request(image, "\"7d\""));
        assertEquals(201, issued.status(), issued.text());
        JsonObject ticket = issued.json();
        assertEquals("7d", ticket.get("lifetime").getAsString());
        Instant removeAfter = Instant.parse(ticket.get("removeAfter").getAsString());
        assertEquals("7d", TicketClient.headers(ticket).get(ImageMetadata.header(ImageMetadata.LIFETIME)));
        assertEquals(removeAfter.toString(), TicketClient.headers(ticket).get(ImageMetadata.header(ImageMetadata.REMOVE_AFTER)));

        // When it is uploaded and published
        client.uploadAndAwaitPublished(ticket, image);

        // Then the image keeps its lifetime and end, and viewers' caches may keep it no longer than that
        Map<String, String> metadata = stack.store().blobMetadata(stack.bucket(), ticket.get("key").getAsString()).metadata();
        assertEquals("7d", metadata.get(ImageMetadata.LIFETIME));
        assertEquals(removeAfter, Instant.parse(metadata.get(ImageMetadata.REMOVE_AFTER)));
        Reply served = client.get(TakeBack.link(ticket), Map.of());
        assertArrayEquals(image, served.body());
        Matcher maxAge = MAX_AGE.matcher(served.header("cache-control"));
        assertTrue(maxAge.matches(), served.header("cache-control"));
        long seconds = Long.parseLong(maxAge.group(1));
        assertTrue(seconds > 0 && seconds <= Duration.ofDays(7).toSeconds(), served.header("cache-control"));
        assertEquals(List.of(), served.response().headers().map().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")).toList());
    }

    @Test
    void forever_hasNoRemoveAfter_andKeepsTheYearLongCache() {
        byte[] image = SampleImages.png(35, 22);
        for (String lifetime : List.of("\"forever\"", "null")) {
            Reply issued = client.requestTicket(request(image, lifetime));
            assertEquals(201, issued.status(), issued.text());
            assertEquals("forever", issued.json().get("lifetime").getAsString());
            assertTrue(issued.json().get("removeAfter").isJsonNull(), issued.text());
            assertFalse(TicketClient.headers(issued.json()).containsKey(ImageMetadata.header(ImageMetadata.REMOVE_AFTER)));
        }
        Reply issued = client.requestTicket(request(image, "\"forever\""));
        client.uploadAndAwaitPublished(issued.json(), image);
        assertEquals(ImageLinks.CACHE_FOREVER, client.get(TakeBack.link(issued.json()), Map.of()).header("cache-control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2d\"", "\"7D\"", "\"90d\"", "\"\"", "\"forever \"", "\"1w\""})
    void unofferedLifetime_isRefused400_namingTheOfferedOnes(String lifetime) {
        Reply refused = client.requestTicket(request(SampleImages.png(8, 8), lifetime));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("invalid_lifetime", TakeBack.errorCode(refused));
        String message = refused.json().getAsJsonObject("error").get("message").getAsString();
        for (String offered : List.of("1d", "7d", "30d", "forever")) {
            assertTrue(message.contains(offered), message);
        }
    }

    @Test
    void lifetimeThatIsNotAString_isAnInvalidField() {
        Reply refused = client.requestTicket(request(SampleImages.png(8, 8), "7"));

        assertEquals(400, refused.status(), refused.text());
        assertEquals("invalid_field", TakeBack.errorCode(refused));
    }

    @Test
    void deploymentWithoutForever_defaultsToItsShortestLifetime_andRefusesForever() {
        try (LocalStack limited = LocalStack.start(LocalSettings.forTests(ownData),
                Map.of("PINHOLE_LIFETIMES", "30d,1d,7d"), LocalOptions.TESTS)) {
            TicketClient limitedClient = new TicketClient(limited.baseUrl());
            JsonObject limits = limitedClient.get(limited.baseUrl().resolve("/api/limits"), Map.of()).json();
            assertEquals(List.of("1d", "7d", "30d"), strings(limits.getAsJsonArray("lifetimes")));
            assertEquals("1d", limits.get("defaultLifetime").getAsString());
            assertFalse(limits.get("foreverAllowed").getAsBoolean());

            byte[] image = SampleImages.png(8, 8);
            Reply unspecified = limitedClient.requestTicket("png", image, true);
            assertEquals(201, unspecified.status(), unspecified.text());
            assertEquals("1d", unspecified.json().get("lifetime").getAsString());
            Reply forever = limitedClient.requestTicket(request(image, "\"forever\""));
            assertEquals(400, forever.status(), forever.text());
            assertEquals("invalid_lifetime", TakeBack.errorCode(forever));
        }
    }

    @Test
    void oneDayImage_removeAfterIsADayAfterTheStacksClock_andItIsGoneOnceTheClockPassesIt() {
        // Given a stack whose clock the test moves
        LocalClock clock = LocalClock.systemUTC();
        try (LocalStack timed = LocalStack.start(LocalSettings.forTests(ownData), Map.of(),
                LocalOptions.TESTS.withClock(clock))) {
            TicketClient timedClient = new TicketClient(timed.baseUrl());
            byte[] image = SampleImages.png(41, 17);

            // When a ticket for one day is issued, its image uploaded and published
            Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            JsonObject ticket = timedClient.requestTicket(request(image, "\"1d\"")).json();
            Instant after = clock.instant();
            timedClient.uploadAndAwaitPublished(ticket, image);

            // Then its removeAfter is one day after the stack's now, to the second
            Instant removeAfter = Instant.parse(ticket.get("removeAfter").getAsString());
            assertEquals(removeAfter, removeAfter.truncatedTo(ChronoUnit.SECONDS));
            assertFalse(removeAfter.isBefore(before.plus(Duration.ofDays(1))), before + " " + removeAfter);
            assertFalse(removeAfter.isAfter(after.plus(Duration.ofDays(1))), after + " " + removeAfter);

            // and it is served until the clock passes that moment
            clock.advance(Duration.ofHours(23));
            assertEquals(List.of(), timed.expireNow());
            assertArrayEquals(image, timedClient.get(TakeBack.link(ticket), Map.of()).body());

            // When the clock has passed it and the expiry has run
            clock.advance(Duration.ofHours(2));
            List<String> removed = timed.expireNow();

            // Then the image is gone: link, object and status
            assertEquals(List.of(ticket.get("key").getAsString()), removed);
            assertEquals(404, timedClient.get(TakeBack.link(ticket), Map.of()).status());
            assertEquals(404, timedClient.get(statusUrl(ticket), Map.of()).status());

            // and a ticket issued now counts its day from the moved clock, not from the system's
            Instant movedNow = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            JsonObject later = timedClient.requestTicket(request(image, "\"1d\"")).json();
            assertFalse(Instant.parse(later.get("removeAfter").getAsString()).isBefore(movedNow.plus(Duration.ofDays(1))),
                    later.toString());
        }
    }

    private static URI statusUrl(JsonObject ticket) {
        return URI.create(ticket.getAsJsonObject("status").get("url").getAsString());
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(element -> element.getAsString()).toList();
    }
}
