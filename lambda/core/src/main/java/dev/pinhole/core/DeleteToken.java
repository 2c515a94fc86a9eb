package dev.pinhole.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret that lets whoever uploaded an image delete it. The ticket function mints it, hands it out once and
 * keeps only its SHA-256, which is signed into the upload's PUT as user metadata ({@link ImageMetadata#DELETE_HASH})
 * and carried by the publisher onto the public object; the image API compares hashes in constant time.
 *
 * <p>Why a hash on the object rather than an HMAC of the name under a stack secret: there is no secret to keep,
 * rotate or leak. Reading every object's metadata (an operator, a leaked backup) gives hashes of 256-bit random
 * values, which cannot be turned back into tokens; with an HMAC, one leaked key would let its holder delete every
 * image, and rotating it would break every delete link ever issued. The cost: a token cannot be revoked or changed
 * after upload (the image can only be deleted), and the hash travels with the object (so it is removed from every
 * response viewers see, at CloudFront and in the local stack).
 */
public final class DeleteToken {
    /** The request header that carries the token to {@code DELETE /api/images/<name>}. */
    public static final String HEADER = "x-pinhole-delete-token";

    private static final int RANDOM_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private DeleteToken() {
    }

    /** A fresh token: 256 bits from SecureRandom, 43 base64url characters. */
    public static String mint() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.get().nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** The SHA-256 of a token, base64url without padding (43 characters): what is stored instead of the token. */
    public static String hash(String token) {
        return URL_SAFE.encodeToString(sha256(token));
    }

    /**
     * Whether {@code presented} is the token whose hash is {@code storedHash}. Hashes are compared with
     * {@link MessageDigest#isEqual}, which takes the same time wherever they differ; a token of the wrong shape
     * (missing, truncated, padded) is hashed and compared like any other, so its answer takes no shorter.
     */
    public static boolean matches(String presented, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(presented == null ? "" : presented).getBytes(StandardCharsets.US_ASCII);
        boolean equal = MessageDigest.isEqual(expected, actual);
        return equal && presented != null && TOKEN.matcher(presented).matches();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
