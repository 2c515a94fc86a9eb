package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.ErrorCode;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the scheme and host of the public links a ticket carries ({@code https://<host>/i/<key>}).
 *
 * <p>A fixed {@link TicketConfig#PUBLIC_BASE_URL} (a custom domain, or the local stack) always wins. Without
 * one, the production stack cannot tell the function its CloudFront domain: the distribution routes to the
 * API, the API to the function, so the function naming the distribution is a dependency cycle. Instead a
 * CloudFront Function copies the viewer's Host into {@value #VIEWER_HOST_HEADER}, and CloudFront adds
 * {@value #ORIGIN_SECRET_HEADER} to every request it sends the API. Anyone can call the API's own endpoint
 * with a made-up host header, so that header is believed only next to the right secret.
 */
final class LinkBase {
    static final String VIEWER_HOST_HEADER = "x-pinhole-viewer-host";
    static final String ORIGIN_SECRET_HEADER = "x-pinhole-origin-secret";

    /** A DNS name: dot-separated labels of letters, digits and inner hyphens. No port, path or user info. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Optional<URI> fixed;
    private final Optional<SharedSecret> originSecret;

    LinkBase(Optional<URI> fixed, Optional<String> originSecret) {
        if (fixed.isEmpty() && originSecret.isEmpty()) {
            // TicketConfig refuses this at start-up; guard here too so a test-built instance cannot drift.
            throw new ConfigurationException(TicketConfig.PUBLIC_BASE_URL + " is not set, and neither is "
                    + TicketConfig.ORIGIN_SECRET + ", so links would have no host");
        }
        this.fixed = fixed;
        this.originSecret = originSecret.map(SharedSecret::new);
    }

    static LinkBase of(TicketConfig config) {
        return new LinkBase(config.publicBaseUrl(), config.originSecret());
    }

    /** The base of the links in the answer to this request, e.g. https://d111.cloudfront.net. */
    URI forRequest(ApiRequest request) {
        if (fixed.isPresent()) {
            return fixed.get();
        }
        // Only CloudFront knows the secret: a request without it did not come through the site.
        if (!originSecret.orElseThrow().isPresentedBy(request.header(ORIGIN_SECRET_HEADER))) {
            throw new ApiException(ErrorCode.USE_THE_SITE, "This API issues tickets only through its site's "
                    + "address (the CloudFront domain), not through the API Gateway endpoint.");
        }
        String host = request.header(VIEWER_HOST_HEADER);
        String normalised = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (!HOST_NAME.matcher(normalised).matches()) {
            throw new ApiException(ErrorCode.BAD_VIEWER_HOST, "The request reached the API without the host "
                    + "name it was sent to, so the link's address is unknown.");
        }
        return URI.create("https://" + normalised);
    }
}
