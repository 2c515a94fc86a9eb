package dev.pinhole.images.api;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ImageKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme and host of a published image's link, decided as the ticket function decides them (its LinkBase):
 * a fixed base URL wins; behind CloudFront without one, the viewer's host that CloudFront passes on, believed
 * only next to the origin secret CloudFront adds. Kept apart from the ticket function's copy because that
 * function must not grow; the rule is the same, and the template gives both functions the same two settings.
 */
final class PublicLinks {
    static final String VIEWER_HOST_HEADER = "x-pinhole-viewer-host";
    static final String ORIGIN_SECRET_HEADER = "x-pinhole-origin-secret";
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Optional<URI> fixed;
    private final Optional<byte[]> originSecret;

    PublicLinks(Optional<URI> fixed, Optional<String> originSecret) {
        this.fixed = fixed;
        this.originSecret = originSecret.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    String link(ImageKey key, ApiRequest request) {
        return base(request) + "/" + key.publicKey();
    }

    private URI base(ApiRequest request) {
        if (fixed.isPresent()) {
            return fixed.get();
        }
        if (!cameThroughCloudFront(request.header(ORIGIN_SECRET_HEADER))) {
            throw new ApiException(ErrorCode.USE_THE_SITE, "This API answers only through its site's address "
                    + "(the CloudFront domain), not through the API Gateway endpoint.");
        }
        String host = request.header(VIEWER_HOST_HEADER);
        String normalised = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (!HOST_NAME.matcher(normalised).matches()) {
            throw new ApiException(ErrorCode.BAD_VIEWER_HOST, "The request reached the API without the host "
                    + "name it was sent to, so the link's address is unknown.");
        }
        return URI.create("https://" + normalised);
    }

    /** Constant time, so the response time says nothing about how much of a guessed secret was right. */
    private boolean cameThroughCloudFront(String presented) {
        byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
        return originSecret.isPresent() && MessageDigest.isEqual(originSecret.get(), given);
    }
}
