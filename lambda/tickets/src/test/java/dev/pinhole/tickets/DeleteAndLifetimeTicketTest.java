package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.PUBLIC_BASE;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.postUploads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.core.DeleteToken;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a ticket adds for taking an image back: the delete action with its one-time token, the token's hash and the
 * lifetime signed into the PUT as user metadata, and the moment the image will be removed.
 */
class DeleteAndLifetimeTicketTest {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String DELETE_HASH = "x-amz-meta-pinhole-delete-hash";
    private static final String LIFETIME = "x-amz-meta-pinhole-lifetime";
    private static final String REMOVE_AFTER = "x-amz-meta-pinhole-remove-after";
    private static final String CHECKSUM = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    /** Not on a whole second, to show removeAfter is written in whole seconds. */
    private static final Clock ISSUED = Clock.fixed(Instant.parse("2026-12-01T18:30:15.750Z"), ZoneOffset.UTC);

    private static JsonObject ticket(String body) {
        return json(handler(Map.of(), ISSUED).handleRequest(postUploads(body), null));
    }

    private static JsonObject ticket(String lifetime, boolean checksum) {
        return ticket("{\"extension\":\"png\",\"size\":10" + (checksum ? ",\"sha256\":\"" + CHECKSUM + "\"" : "")
                + (lifetime == null ? "" : ",\"lifetime\":\"" + lifetime + "\"") + "}");
    }

    private static String token(JsonObject ticket) {
        return ticket.getAsJsonObject("delete").getAsJsonObject("headers").get(DeleteToken.HEADER).getAsString();
    }

    private static JsonObject uploadHeaders(JsonObject ticket) {
        return ticket.getAsJsonObject("upload").getAsJsonObject("headers");
    }

    @Test
    void ticket_carriesADeleteActionShapedLikeUpload() {
        // Given a valid request
        // When a ticket is issued
        JsonObject ticket = ticket(null, false);

        // Then its delete action is a DELETE of the image's API resource with the token header, and nothing else
        JsonObject delete = ticket.getAsJsonObject("delete");
        assertEquals(Set.of("method", "url", "headers"), delete.keySet());
        assertEquals("DELETE", delete.get("method").getAsString());
        String name = ticket.get("key").getAsString().substring("i/".length());
        assertEquals(PUBLIC_BASE + "/api/images/" + name, delete.get("url").getAsString());
        assertEquals(ticket.getAsJsonObject("status").get("url").getAsString(), delete.get("url").getAsString());
        JsonObject headers = delete.getAsJsonObject("headers");
        assertEquals(Set.of("x-pinhole-delete-token"), headers.keySet());
        assertTrue(TOKEN.matcher(token(ticket)).matches(), token(ticket));
    }

    @Test
    void uploadSignsTheHashOfTheDeleteToken_neverTheTokenItself() {
        // Given a ticket
        JsonObject ticket = ticket("7d", true);

        // When its upload headers are read
        String hash = uploadHeaders(ticket).get(DELETE_HASH).getAsString();

        // Then the hash is of the delete token, and the token is nowhere in the upload or the link
        assertEquals(DeleteToken.hash(token(ticket)), hash);
        assertTrue(DeleteToken.matches(token(ticket), hash));
        String token = token(ticket);
        assertFalse(ticket.getAsJsonObject("upload").toString().contains(token));
        assertFalse(ticket.get("url").getAsString().contains(token));
        assertFalse(ticket.get("key").getAsString().contains(token));
    }

    @Test
    void everyTicket_hasItsOwnToken() {
        // Given one handler and the same request, over and over
        TicketHandler handler = handler();
        Set<String> tokens = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        int tickets = 300;

        // When that many tickets are issued
        for (int i = 0; i < tickets; i++) {
            JsonObject ticket = json(handler.handleRequest(postUploads("{\"extension\":\"png\",\"size\":10}"), null));
            tokens.add(token(ticket));
            hashes.add(uploadHeaders(ticket).get(DELETE_HASH).getAsString());
            // and each token's hash is the one signed into its own upload
            assertEquals(DeleteToken.hash(token(ticket)), uploadHeaders(ticket).get(DELETE_HASH).getAsString());
        }

        // Then no token, and so no hash, repeats
        assertEquals(tickets, tokens.size());
        assertEquals(tickets, hashes.size());
    }

    @ParameterizedTest(name = "{0} from 2026-12-01T18:30:15.750Z is removed after {1}")
    @CsvSource({
            "1d, 2026-12-02T18:30:15Z",
            "7d, 2026-12-08T18:30:15Z",
            "30d, 2026-12-31T18:30:15Z"})
    void lifetime_removeAfterIsTheIssueTimePlusTheLifetime_inWholeSeconds(String lifetime, String expected) {
        // Given a handler whose clock says 18:30:15.750
        // When a ticket asks for the lifetime
        JsonObject ticket = ticket(lifetime, false);

        // Then removeAfter is exactly that long after, cut to the second, in the answer and in the signed metadata
        assertEquals(lifetime, ticket.get("lifetime").getAsString());
        assertEquals(expected, ticket.get("removeAfter").getAsString());
        assertEquals(lifetime, uploadHeaders(ticket).get(LIFETIME).getAsString());
        assertEquals(expected, uploadHeaders(ticket).get(REMOVE_AFTER).getAsString());
    }

    @Test
    void lifetimeOf365Days_crossesAYear() {
        // Given a deployment that offers a year
        TicketHandler handler = handler(Map.of(TicketConfig.LIFETIMES, "forever,365d"), ISSUED);

        // When a ticket asks for it
        JsonObject ticket = json(handler.handleRequest(
                postUploads("{\"extension\":\"png\",\"size\":10,\"lifetime\":\"365d\"}"), null));

        // Then it is 365 days of 24 hours later
        assertEquals("2027-12-01T18:30:15Z", ticket.get("removeAfter").getAsString());
    }

    @ParameterizedTest(name = "forever as {0}")
    @ValueSource(strings = {"absent", "forever"})
    void forever_hasNullRemoveAfter_andNoLifetimeMetadata(String how) {
        // Given a ticket kept until deleted, asked for explicitly or by default
        JsonObject ticket = ticket("absent".equals(how) ? null : "forever", false);

        // Then removeAfter is there, as null, and the upload pins only the delete hash of the metadata
        assertEquals("forever", ticket.get("lifetime").getAsString());
        assertTrue(ticket.has("removeAfter"), ticket::toString);
        assertTrue(ticket.get("removeAfter").isJsonNull(), ticket::toString);
        assertEquals(Set.of("content-type", "if-none-match", DELETE_HASH), uploadHeaders(ticket).keySet());
    }

    @Test
    void uploadHeaders_areInTheContractsOrder() {
        // Given a ticket with a checksum and a lifetime
        JsonObject ticket = ticket("7d", true);

        // Then the headers come as content-type, if-none-match, the checksum, then the three metadata headers
        assertEquals(List.of("content-type", "if-none-match", "x-amz-checksum-sha256", DELETE_HASH, LIFETIME,
                REMOVE_AFTER), new ArrayList<>(uploadHeaders(ticket).keySet()));
    }

    @Test
    void ticket_addsLifetimeRemoveAfterAndDelete_toWhatItHad() {
        // Given a ticket
        JsonObject ticket = ticket("7d", false);

        // Then these are its fields
        assertEquals(Set.of("key", "url", "contentType", "size", "upload", "expiresAt", "status", "lifetime",
                "removeAfter", "delete"), ticket.keySet());
    }

    @ParameterizedTest(name = "lifetime {0}, checksum {1}")
    @CsvSource({"forever, false", "forever, true", "1d, false", "30d, true"})
    void everyUploadHeader_isSigned(String lifetime, boolean checksum) {
        // Given a ticket
        JsonObject ticket = ticket(lifetime, checksum);

        // When its URL's signed headers are read
        Set<String> signed = Set.of(TicketResponseTest.query(ticket.getAsJsonObject("upload").get("url").getAsString())
                .get("X-Amz-SignedHeaders").split(";"));

        // Then each header the client is told to send is covered by the signature, so S3 refuses another value
        for (String header : uploadHeaders(ticket).keySet()) {
            assertTrue(signed.contains(header), header + " not in " + signed);
        }
    }

    @Test
    void lifetime_signsAllThreeMetadataHeaders() {
        // Given a ticket with a lifetime
        String url = ticket("7d", false).getAsJsonObject("upload").get("url").getAsString();

        // Then the signature covers exactly the host, length, type, If-None-Match and the three metadata headers
        assertEquals("content-length;content-type;host;if-none-match;x-amz-meta-pinhole-delete-hash;"
                + "x-amz-meta-pinhole-lifetime;x-amz-meta-pinhole-remove-after",
                TicketResponseTest.query(url).get("X-Amz-SignedHeaders"));
    }

    @Test
    void uploadUrl_isSignedInRealTime_whateverTheIssueClockSays() {
        // Given a handler whose issue clock is far from now (as the local stack's may be, moved by a test)
        Clock elsewhen = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
        JsonObject ticket = json(handler(Map.of(), elsewhen).handleRequest(
                postUploads("{\"extension\":\"png\",\"size\":10,\"lifetime\":\"1d\"}"), null));

        // Then removeAfter follows that clock, but the URL is not dated by it, so S3 still takes the URL
        assertEquals("2001-01-02T00:00:00Z", ticket.get("removeAfter").getAsString());
        Instant expiresAt = Instant.parse(ticket.get("expiresAt").getAsString());
        assertTrue(expiresAt.isAfter(Instant.parse("2001-01-01T00:05:00Z")), expiresAt::toString);
        assertNotEquals("20010101T000000Z", TicketResponseTest.query(
                ticket.getAsJsonObject("upload").get("url").getAsString()).get("X-Amz-Date"));
    }

    @Test
    void ticketText_neverShowsTheDeleteToken() {
        // Given a ticket as the issuer makes it
        TicketIssuer issuer = new TicketIssuer(TicketTesting.config(Map.of()), TicketTesting.SIGNER, ISSUED);
        UploadTicket ticket = issuer.issue(new UploadRequest("png", java.math.BigDecimal.TEN, Optional.empty(),
                Optional.of("7d")), URI.create(PUBLIC_BASE));

        // When it is turned into text (as a log line or an assertion message would)
        String text = ticket.toString();

        // Then the token is not in it, while the rest is
        assertFalse(text.contains(ticket.deleteToken()), text);
        assertTrue(text.contains(ticket.publicUrl()), text);
    }
}
