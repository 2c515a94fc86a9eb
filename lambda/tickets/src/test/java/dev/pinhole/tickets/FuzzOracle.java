package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ErrorCode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The properties every handler response must have, whatever the request. Deliberately written apart from
 * the handler's own parser and policy: a ticket is checked against an independent reading of the request.
 */
final class FuzzOracle {
    static final Pattern KEY = Pattern.compile("^i/[A-Za-z0-9_-]{22,}\\.[a-z0-9]+$");
    static final String TOKEN = "fuzz-token-\u00e9";
    static final String ORIGIN = "https://app.example.test";
    static final String PUBLIC_BASE = "https://img.example.test";
    static final long MAX_BYTES = 1024 * 1024;
    /** avif is a known image type but left out here, to prove the allowlist and not the type table decides. */
    static final Map<String, String> ALLOWED = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{3,40}");

    private FuzzOracle() {
    }

    static void check(FuzzInput in, APIGatewayV2HTTPResponse response) {
        assertNotNull(response, "a response");
        int status = response.getStatusCode();
        assertTrue(status >= 200 && status < 300 || status >= 400 && status < 500,
                "2xx or 4xx only, got " + status + ": " + response.getBody());
        assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
        if (status == 204) {
            assertTrue(in.has("cors") && "OPTIONS".equals(in.method()), "204 only for a CORS preflight");
            assertNull(response.getBody());
            return;
        }
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        JsonObject body = json(response.getBody());
        if (status >= 400) {
            JsonObject error = body.getAsJsonObject("error");
            String code = error.get("code").getAsString();
            assertTrue(ERROR_CODE.matcher(code).matches(), response.getBody());
            // Every code answered is in core's catalogue and comes with the catalogue's status.
            ErrorCode entry = Arrays.stream(ErrorCode.values()).filter(e -> e.code().equals(code)).findFirst()
                    .orElseThrow(() -> new AssertionError("code not in the catalogue: " + response.getBody()));
            assertEquals(entry.status(), status, response.getBody());
            assertTrue(!error.get("message").getAsString().isEmpty(), response.getBody());
        } else if (status == 200) {
            assertEquals("GET", in.method());
            assertEquals(TicketHandler.LIMITS, in.path());
        } else {
            assertEquals(201, status, response.getBody());
            checkTicket(in, body, response.getHeaders());
        }
    }

    private static void checkTicket(FuzzInput in, JsonObject ticket, Map<String, String> headers) {
        assertEquals("POST", in.method());
        assertEquals(TicketHandler.UPLOADS, in.path());
        if (in.has("token")) {
            assertTrue(presentsToken(in), "a ticket without the right upload token");
        }
        JsonObject request = requestAsIssued(in);
        String extension = allowedExtension(request.get("extension"));
        long size = allowedSize(request.get("size"));

        String key = ticket.get("key").getAsString();
        assertTrue(KEY.matcher(key).matches(), key);
        assertTrue(key.endsWith("." + extension), key + " for extension " + extension);
        assertEquals(PUBLIC_BASE + "/" + key, ticket.get("url").getAsString());
        assertEquals(ticket.get("url").getAsString(), headers.get("location"));
        assertEquals(size, ticket.get("size").getAsLong());
        assertEquals(ALLOWED.get(extension), ticket.get("contentType").getAsString());

        JsonObject upload = ticket.getAsJsonObject("upload");
        assertEquals("PUT", upload.get("method").getAsString());
        URI url = URI.create(upload.get("url").getAsString());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals(9000, url.getPort());
        assertEquals("/" + TicketHandlerFuzzTest.BUCKET + "/u/" + key.substring("i/".length()), url.getPath());
        assertEquals(PUBLIC_BASE + "/api/images/" + key.substring("i/".length()),
                ticket.getAsJsonObject("status").get("url").getAsString());
        assertTrue(url.getRawQuery().contains("X-Amz-Signature="), url.toString());
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        upload.getAsJsonObject("headers").entrySet().forEach(e -> sent.put(e.getKey(), e.getValue().getAsString()));
        assertEquals(ALLOWED.get(extension), sent.get("content-type"), sent.toString());
        assertEquals("*", sent.get("if-none-match"), sent.toString());
        assertEquals(request.has("sha256") && !request.get("sha256").isJsonNull(), sent.containsKey("x-amz-checksum-sha256"));

        String lifetime = allowedLifetime(request.get("lifetime"));
        assertEquals(lifetime, ticket.get("lifetime").getAsString());
        assertEquals(!"forever".equals(lifetime), sent.containsKey("x-amz-meta-pinhole-lifetime"), sent.toString());
        assertEquals(ticket.get("removeAfter").isJsonNull(), "forever".equals(lifetime), ticket.toString());
        JsonObject delete = ticket.getAsJsonObject("delete");
        assertEquals("DELETE", delete.get("method").getAsString());
        assertEquals(ticket.getAsJsonObject("status").get("url").getAsString(), delete.get("url").getAsString());
        String token = delete.getAsJsonObject("headers").get("x-pinhole-delete-token").getAsString();
        assertEquals(DeleteToken.hash(token), sent.get("x-amz-meta-pinhole-delete-hash"), sent.toString());
    }

    /** What the handler's default choices grant: forever (also the default), 1d, 7d or 30d, spelled exactly so. */
    private static String allowedLifetime(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "forever";
        }
        String raw = value.getAsJsonPrimitive().getAsString();
        assertTrue(value.getAsJsonPrimitive().isString() && Set.of("forever", "1d", "7d", "30d").contains(raw),
                "a ticket for lifetime " + value);
        return raw;
    }

    /** The request body, read independently of the handler; a ticket means it must be a plain object. */
    private static JsonObject requestAsIssued(FuzzInput in) {
        byte[] bytes = in.decodedBody();
        assertNotNull(bytes, "a ticket for a body that cannot be decoded");
        assertTrue(bytes.length <= RequestBodies.MAX_BODY_BYTES, "a ticket for a body of " + bytes.length + " bytes");
        JsonObject request = json(new String(bytes, StandardCharsets.UTF_8));
        assertTrue(Set.of("extension", "size", "sha256", "lifetime").containsAll(request.keySet()), request.toString());
        return request;
    }

    private static String allowedExtension(JsonElement value) {
        String raw = value.getAsJsonPrimitive().getAsString();
        String plain = raw.startsWith(".") ? raw.substring(1) : raw;
        // Stricter than the handler on purpose: only ASCII letters and digits, compared case-insensitively.
        assertTrue(plain.matches("[A-Za-z0-9]{1,10}"), "a ticket for extension '" + raw + "'");
        String lower = plain.toLowerCase(Locale.ROOT);
        assertTrue(ALLOWED.containsKey(lower), "a ticket for extension '" + raw + "'");
        return lower;
    }

    private static long allowedSize(JsonElement value) {
        JsonPrimitive size = value.getAsJsonPrimitive();
        assertTrue(size.isNumber(), "a ticket for size " + size);
        BigDecimal bytes = new BigDecimal(size.getAsString());
        assertTrue(bytes.compareTo(BigDecimal.ONE) >= 0 && bytes.compareTo(BigDecimal.valueOf(MAX_BYTES)) <= 0,
                "a ticket for size " + size);
        assertEquals(0, bytes.stripTrailingZeros().scale() <= 0 ? 0 : 1, "a ticket for a fractional size " + size);
        return bytes.longValueExact();
    }

    private static boolean presentsToken(FuzzInput in) {
        return !in.has("noheaders") && in.headers().entrySet().stream()
                .anyMatch(e -> e.getKey().toLowerCase(Locale.ROOT).equals(UploadToken.HEADER) && TOKEN.equals(e.getValue()));
    }

    private static JsonObject json(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            assertTrue(element.isJsonObject(), text);
            return element.getAsJsonObject();
        } catch (JsonParseException notJson) {
            return fail("not JSON: " + text);
        }
    }
}
