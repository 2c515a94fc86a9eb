package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.BUCKET;
import static dev.pinhole.tickets.TicketTesting.ENDPOINT;
import static dev.pinhole.tickets.TicketTesting.PUBLIC_BASE;
import static dev.pinhole.tickets.TicketTesting.event;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The 201 answer: a fresh key, its public link, and a presigned PUT that pins type, size, key and checksum. */
class TicketResponseTest {
    private static final Pattern KEY = Pattern.compile("^i/[A-Za-z0-9_-]{22,}\\.[a-z0-9]+$");
    private static final String CHECKSUM = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void ticketRequest_answers201WithKeyLinkAndUpload() {
        // Given a valid request
        String body = "{\"extension\":\"png\",\"size\":48213}";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the ticket names a random key under i/, its public link and a PUT
        assertEquals(201, response.getStatusCode(), response::getBody);
        assertTrue(response.getHeaders().get("content-type").startsWith("application/json"));
        JsonObject ticket = json(response);
        String key = ticket.get("key").getAsString();
        assertTrue(KEY.matcher(key).matches(), key);
        assertTrue(key.endsWith(".png"), key);
        assertEquals(PUBLIC_BASE + "/" + key, ticket.get("url").getAsString());
        assertEquals(PUBLIC_BASE + "/" + key, response.getHeaders().get("location"));
        assertEquals("image/png", ticket.get("contentType").getAsString());
        assertEquals(48213, ticket.get("size").getAsLong());
        JsonObject upload = ticket.getAsJsonObject("upload");
        assertEquals("PUT", upload.get("method").getAsString());
        // and the PUT goes to the same name under the upload prefix, which no link serves
        String name = key.substring("i/".length());
        assertTrue(upload.get("url").getAsString().startsWith(ENDPOINT + "/" + BUCKET + "/u/" + name + "?"),
                upload::toString);
    }

    @Test
    void ticket_saysWhereToAskWhetherTheImageIsPublished() {
        // Given a valid request
        // When it is posted
        JsonObject ticket = json(post("{\"extension\":\"webp\",\"size\":100}"));

        // Then the status action is a GET of the image's API resource, on the links' host
        String name = ticket.get("key").getAsString().substring("i/".length());
        JsonObject status = ticket.getAsJsonObject("status");
        assertEquals(Set.of("method", "url"), status.keySet());
        assertEquals("GET", status.get("method").getAsString());
        assertEquals(PUBLIC_BASE + "/api/images/" + name, status.get("url").getAsString());
    }

    @Test
    void ticketRequest_listsExactlyTheHeadersTheClientMustSet() {
        // Given a valid request without a checksum
        // When it is posted
        JsonObject headers = json(post("{\"extension\":\"jpg\",\"size\":10}"))
                .getAsJsonObject("upload").getAsJsonObject("headers");

        // Then the client sets the server's Content-Type, If-None-Match and the delete hash (the default lifetime is
        // forever, so no lifetime metadata), and nothing its HTTP stack sets itself
        assertEquals(Set.of("content-type", "if-none-match", "x-amz-meta-pinhole-delete-hash"), headers.keySet());
        assertEquals("image/jpeg", headers.get("content-type").getAsString());
        assertEquals("*", headers.get("if-none-match").getAsString());
    }

    @Test
    void ticketRequest_addsChecksumHeaderOnlyWhenGiven() {
        // Given a valid request with a checksum
        // When it is posted
        JsonObject headers = json(post("{\"extension\":\"png\",\"size\":10,\"sha256\":\"" + CHECKSUM + "\"}"))
                .getAsJsonObject("upload").getAsJsonObject("headers");

        // Then the checksum joins the headers to send, and still no host or content-length
        assertEquals(Set.of("content-type", "if-none-match", "x-amz-checksum-sha256", "x-amz-meta-pinhole-delete-hash"),
                headers.keySet());
        assertEquals(CHECKSUM, headers.get("x-amz-checksum-sha256").getAsString());
    }

    @Test
    void ticketRequest_signsTypeLengthHostAndIfNoneMatch() {
        // Given a valid request without a checksum
        // When it is posted
        String url = json(post("{\"extension\":\"png\",\"size\":10}")).getAsJsonObject("upload").get("url").getAsString();

        // Then the presigned URL's signature covers exactly these headers, so S3 refuses any other value
        Map<String, String> query = query(url);
        assertEquals("content-length;content-type;host;if-none-match;x-amz-meta-pinhole-delete-hash",
                query.get("X-Amz-SignedHeaders"));
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertTrue(query.get("X-Amz-Credential").startsWith("AKIDPINHOLETEST/"), query::toString);
        assertEquals(64, query.get("X-Amz-Signature").length());
    }

    @Test
    void ticketRequest_signsChecksumWhenGiven() {
        // Given a valid request with a checksum
        // When it is posted
        String url = json(post("{\"extension\":\"png\",\"size\":10,\"sha256\":\"" + CHECKSUM + "\"}"))
                .getAsJsonObject("upload").get("url").getAsString();

        // Then the checksum header is signed too, so other bytes are refused
        assertEquals("content-length;content-type;host;if-none-match;x-amz-checksum-sha256;"
                + "x-amz-meta-pinhole-delete-hash", query(url).get("X-Amz-SignedHeaders"));
    }

    @Test
    void ticketRequest_urlLivesForTheConfiguredLifetime() {
        // Given a handler whose URLs live 120 seconds
        TicketHandler handler = handler(Map.of(TicketConfig.URL_LIFETIME_SECONDS, "120"));

        // When a ticket is issued
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", TicketHandler.UPLOADS, Map.of(), "{\"extension\":\"png\",\"size\":10}", false), null);

        // Then the URL says 120 seconds and expiresAt is 120 seconds after the signing time in the URL
        JsonObject ticket = json(response);
        Map<String, String> query = query(ticket.getAsJsonObject("upload").get("url").getAsString());
        assertEquals("120", query.get("X-Amz-Expires"));
        Instant signedAt = LocalDateTime.parse(query.get("X-Amz-Date"),
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        Instant expiresAt = Instant.parse(ticket.get("expiresAt").getAsString());
        assertEquals(Duration.ofSeconds(120), Duration.between(signedAt, expiresAt));
    }

    @Test
    void ticketRequest_defaultLifetimeIsFiveMinutes() {
        // Given the default configuration
        // When a ticket is issued
        String url = json(post("{\"extension\":\"png\",\"size\":10}")).getAsJsonObject("upload").get("url").getAsString();

        // Then the URL lives 300 seconds
        assertEquals("300", query(url).get("X-Amz-Expires"));
    }

    @Test
    void ticketRequest_writesUrlsWithoutHtmlEscaping() {
        // Given a valid request
        // When it is posted
        String raw = post("{\"extension\":\"png\",\"size\":10}").getBody();

        // Then the presigned URL's '&' separators appear literally, not as \u0026
        assertFalse(raw.contains("\\u0026"), raw);
        assertFalse(raw.contains("\\u003d"), raw);
        assertTrue(raw.contains("&X-Amz-"), raw);
    }

    @Test
    void ticketRequest_mintsADifferentKeyForEveryTicket() {
        // Given one handler and the same request, over and over
        TicketHandler handler = handler();
        Set<String> keys = new HashSet<>();
        int tickets = 500;

        // When that many tickets are issued
        for (int i = 0; i < tickets; i++) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    event("POST", TicketHandler.UPLOADS, Map.of(), "{\"extension\":\"png\",\"size\":10}", false), null);
            keys.add(json(response).get("key").getAsString());
        }

        // Then no key repeats
        assertEquals(tickets, keys.size());
    }
}
