package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestHeaderTest {
    private static ApiRequest withHeaders(Map<String, String> headers) {
        return new ApiRequest("POST", "/api/uploads", headers, "{}", false);
    }

    @Test
    void header_findsANameInAnyCase() {
        ApiRequest request = withHeaders(Map.of("X-Pinhole-Token", "secret", "ORIGIN", "https://a.example"));

        assertEquals("secret", request.header("x-pinhole-token"));
        assertEquals("https://a.example", request.header("origin"));
    }

    @Test
    void header_isNullWhenAbsent_andSkipsNullNames() {
        Map<String, String> headers = new HashMap<>();
        headers.put(null, "odd");
        headers.put("content-type", "application/json");

        assertNull(withHeaders(headers).header("x-pinhole-token"));
        assertEquals("application/json", withHeaders(headers).header("content-type"));
    }
}
