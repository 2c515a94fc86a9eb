package dev.pinhole.tickets;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Mints object keys {@code i/<22 URL-safe characters>.<ext>}: 128 bits from SecureRandom, so keys can be
 * neither guessed (to read someone's unlisted image) nor chosen (to overwrite one).
 */
final class KeyGenerator {
    static final String PREFIX = "i/";
    private static final int RANDOM_BYTES = 16;

    /**
     * One generator per thread: a shared SecureRandom serialises callers on its lock, which the local
     * server's thread pool and the load test would feel. Lambda runs one request at a time anyway.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    String newKey(String extension) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.get().nextBytes(bytes);
        return PREFIX + URL_SAFE.encodeToString(bytes) + "." + extension;
    }
}
