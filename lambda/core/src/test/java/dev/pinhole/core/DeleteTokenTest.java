package dev.pinhole.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeleteTokenTest {
    @Test
    void mint_gives256RandomBitsInUrlSafeCharacters() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = DeleteToken.mint();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
            tokens.add(token);
        }
        assertEquals(10_000, tokens.size());
    }

    @Test
    void hash_isTheSha256OfTheTokenNotTheToken() throws Exception {
        String token = DeleteToken.mint();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));

        String hash = DeleteToken.hash(token);

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), hash);
        assertNotEquals(token, hash);
    }

    @Test
    void matches_onlyTheTokenWhoseHashIsStored() {
        String token = DeleteToken.mint();
        String stored = DeleteToken.hash(token);

        assertTrue(DeleteToken.matches(token, stored));
        assertFalse(DeleteToken.matches(DeleteToken.mint(), stored), "another image's token");
        assertFalse(DeleteToken.matches(token.substring(0, 42), stored), "truncated");
        assertFalse(DeleteToken.matches(token + "=", stored), "padded");
        assertFalse(DeleteToken.matches("", stored), "empty");
        assertFalse(DeleteToken.matches(null, stored), "missing");
        assertFalse(DeleteToken.matches(stored, stored), "the hash itself is not the token");
        assertFalse(DeleteToken.matches(token, null), "an image uploaded without a delete hash");
    }
}
