package dev.pinhole.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one image, {@code <id>.<ext>}, and the object keys it has on its way to a link. The same name
 * is used for the upload ({@value #UPLOAD_PREFIX}, never served), the published image ({@value #PUBLIC_PREFIX},
 * what links serve) and, when the publisher refuses the upload, its refusal record ({@value #REFUSAL_PREFIX}).
 * Every function, the template and the local stack take the prefixes from here.
 *
 * <p>The id is 128 bits from SecureRandom in base64url without padding (22 characters), so names can be
 * neither guessed (to read someone's unlisted image) nor chosen (to overwrite one). Parsing is strict: only
 * names this class could have minted get through, so "..", encoded slashes, other prefixes, upper-case
 * extensions and non-canonical base64 never reach a key.
 */
public record ImageKey(String id, String extension) {
    /** Where tickets upload to. Never served; the publisher reads from here. */
    public static final String UPLOAD_PREFIX = "u/";
    /** Where published images are, and what a link serves. */
    public static final String PUBLIC_PREFIX = "i/";
    /** Why an upload was not published: a small JSON record per refused name. */
    public static final String REFUSAL_PREFIX = "r/";
    /**
     * CloudFront paths still to invalidate after a delete, one empty marker per name, for when CloudFront was busy
     * at the time. Never served.
     */
    public static final String PENDING_INVALIDATION_PREFIX = "p/";

    private static final int RANDOM_BYTES = 16;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /**
     * One generator per thread: a shared SecureRandom serialises callers on its lock, which the local
     * server's thread pool and the load test would feel. Lambda runs one request at a time anyway.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    public ImageKey {
        if (!isId(id) || !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("not an image name: " + id + "." + extension);
        }
    }

    /** A fresh name for an image of this (already normalised) extension. */
    public static ImageKey mint(String extension) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.get().nextBytes(bytes);
        return new ImageKey(URL_SAFE.encodeToString(bytes), extension);
    }

    /** {@code <id>.<ext>}, as in a link's last path segment or the image API's resource. */
    public static Optional<ImageKey> parseName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int dot = name.indexOf('.');
        if (dot < 0 || name.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String id = name.substring(0, dot);
        String extension = name.substring(dot + 1);
        return isId(id) && EXTENSION.matcher(extension).matches()
                ? Optional.of(new ImageKey(id, extension)) : Optional.empty();
    }

    /** {@code u/<id>.<ext>}: the key of an upload, as an S3 event names it (after URL-decoding). */
    public static Optional<ImageKey> parseUploadKey(String key) {
        return parsePrefixed(UPLOAD_PREFIX, key);
    }

    /** {@code i/<id>.<ext>}: the key of a published image, as a link's path names it. */
    public static Optional<ImageKey> parsePublicKey(String key) {
        return parsePrefixed(PUBLIC_PREFIX, key);
    }

    /** {@code p/<id>.<ext>}: the key of a pending-invalidation marker. */
    public static Optional<ImageKey> parsePendingInvalidationKey(String key) {
        return parsePrefixed(PENDING_INVALIDATION_PREFIX, key);
    }

    private static Optional<ImageKey> parsePrefixed(String prefix, String key) {
        return key != null && key.startsWith(prefix) ? parseName(key.substring(prefix.length())) : Optional.empty();
    }

    /** 22 base64url characters that decode to 16 bytes and encode back the same (the last one has 2 free bits). */
    private static boolean isId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        return URL_SAFE.encodeToString(Base64.getUrlDecoder().decode(id)).equals(id);
    }

    public String name() {
        return id + "." + extension;
    }

    public String uploadKey() {
        return UPLOAD_PREFIX + name();
    }

    public String publicKey() {
        return PUBLIC_PREFIX + name();
    }

    /** {@code r/<id>.<ext>.json}: one record per name, so a status look-up needs no listing. */
    public String refusalKey() {
        return REFUSAL_PREFIX + name() + ".json";
    }

    /** {@code p/<id>.<ext>}: the marker of a CloudFront invalidation still to be made for this name. */
    public String pendingInvalidationKey() {
        return PENDING_INVALIDATION_PREFIX + name();
    }

    /** {@code /i/<id>.<ext>}: the path of the link, as CloudFront caches it and an invalidation names it. */
    public String linkPath() {
        return "/" + publicKey();
    }

    @Override
    public String toString() {
        return name();
    }
}
