package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One fuzz input as a readable text, so the committed corpus can be written, read and reviewed by people:
 *
 * <pre>
 * POST /api/uploads b64 token x300     request line: method, raw path ("-" for none), flags
 * content-type: application/json       headers, one a line, until an empty line
 *
 * {"extension":"png","size":12}        the body: every remaining byte
 * </pre>
 *
 * Flags: {@code b64} the harness base64-encodes the body and sets isBase64Encoded (so binary and invalid
 * UTF-8 reach the decoder); {@code b64flag} sets the flag but passes the body as written; {@code token}
 * and {@code cors} pick a handler configured with an upload token or allowed origins; {@code nobody},
 * {@code noheaders}, {@code nocontext} leave those parts of the event null; {@code x<N>} repeats the body
 * N times (huge bodies from a small input). Bytes the fuzzer produces that are not in this shape are sent
 * whole as the body of {@code POST /api/uploads}.
 */
record FuzzInput(String method, String path, Map<String, String> headers, byte[] body, Set<String> flags) {
    /** Keeps a repeated body within what a real request could carry to the handler (API Gateway: 10 MB). */
    private static final int MAX_REPEATED_BYTES = 8 * 1024 * 1024;

    static FuzzInput parse(byte[] data) {
        int newline = indexOf(data, (byte) '\n', 0);
        String first = newline < 0 ? "" : new String(data, 0, newline, StandardCharsets.UTF_8);
        String[] parts = first.split(" ");
        if (newline < 0 || parts.length < 2) {
            return new FuzzInput("POST", TicketHandler.UPLOADS, Map.of(), data, Set.of());
        }
        Set<String> flags = new HashSet<>(Arrays.asList(parts).subList(2, parts.length));
        Map<String, String> headers = new HashMap<>();
        int at = newline + 1;
        while (at < data.length) {
            int end = indexOf(data, (byte) '\n', at);
            if (end < 0) {
                end = data.length;
            }
            String line = new String(data, at, end - at, StandardCharsets.UTF_8);
            at = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            headers.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 1).trim());
        }
        byte[] body = at < data.length ? Arrays.copyOfRange(data, at, data.length) : new byte[0];
        return new FuzzInput(parts[0], "-".equals(parts[1]) ? null : parts[1], headers,
                repeat(body, repetitions(flags)), flags);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The event exactly as API Gateway would hand it to Lambda (or a malformed variant of it). */
    APIGatewayV2HTTPEvent event() {
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(has("noheaders") ? null : headers)
                .withRequestContext(has("nocontext") ? null : context)
                .withBody(has("nobody") ? null : eventBody())
                .withIsBase64Encoded(has("b64") || has("b64flag"))
                .build();
    }

    /** What the body means once API Gateway's encoding is undone, or null when it cannot be undone. */
    byte[] decodedBody() {
        if (has("nobody")) {
            return null;
        }
        if (has("b64flag")) {
            try {
                return Base64.getDecoder().decode(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return has("b64") ? body : new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    private String eventBody() {
        return has("b64") ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
    }

    private static int repetitions(Set<String> flags) {
        for (String flag : flags) {
            if (flag.matches("x[0-9]{1,7}")) {
                return Math.max(1, Integer.parseInt(flag.substring(1)));
            }
        }
        return 1;
    }

    private static byte[] repeat(byte[] body, int times) {
        if (times == 1 || body.length == 0) {
            return body;
        }
        int count = Math.min(times, MAX_REPEATED_BYTES / body.length);
        byte[] result = new byte[body.length * Math.max(count, 1)];
        for (int i = 0; i < result.length; i += body.length) {
            System.arraycopy(body, 0, result, i, Math.min(body.length, result.length - i));
        }
        return result;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
