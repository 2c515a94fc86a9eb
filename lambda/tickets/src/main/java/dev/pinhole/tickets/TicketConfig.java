package dev.pinhole.tickets;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Environment;
import dev.pinhole.core.ImageTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the ticket handler is configured with, read once at start-up. This is the only place
 * that knows the environment variable names; the README's configuration table mirrors it.
 */
public record TicketConfig(
        String bucket,
        String region,
        Optional<URI> publicBaseUrl,
        long maxUploadBytes,
        Duration urlLifetime,
        Set<String> allowedExtensions,
        Optional<URI> s3Endpoint,
        boolean pathStyleAccess,
        List<String> allowedOrigins,
        Optional<String> uploadToken,
        Optional<String> originSecret,
        LifetimeChoices lifetimes) {

    public static final String BUCKET = "PINHOLE_BUCKET";
    public static final String REGION = "AWS_REGION";
    public static final String PUBLIC_BASE_URL = "PINHOLE_PUBLIC_BASE_URL";
    public static final String MAX_UPLOAD_BYTES = "PINHOLE_MAX_UPLOAD_BYTES";
    public static final String URL_LIFETIME_SECONDS = "PINHOLE_URL_LIFETIME_SECONDS";
    public static final String ALLOWED_EXTENSIONS = "PINHOLE_ALLOWED_EXTENSIONS";
    public static final String S3_ENDPOINT = "PINHOLE_S3_ENDPOINT";
    public static final String S3_PATH_STYLE = "PINHOLE_S3_PATH_STYLE";
    public static final String ALLOWED_ORIGINS = "PINHOLE_ALLOWED_ORIGINS";
    public static final String UPLOAD_TOKEN = "PINHOLE_UPLOAD_TOKEN";
    /** Shared with CloudFront; proves a request's viewer-host header is CloudFront's (see {@link LinkBase}). */
    public static final String ORIGIN_SECRET = "PINHOLE_ORIGIN_SECRET";
    /** What uploaders may choose: {@code forever} and lifetimes of core's Lifetime.SUPPORTED, comma-separated. */
    public static final String LIFETIMES = "PINHOLE_LIFETIMES";
    /** One of {@link #LIFETIMES}; when unset, forever if listed, else the shortest listed lifetime. */
    public static final String DEFAULT_LIFETIME = "PINHOLE_DEFAULT_LIFETIME";

    /** Every variable the handler reads; the template test checks the stack sets no others. */
    public static final List<String> VARIABLES = List.of(BUCKET, REGION, PUBLIC_BASE_URL, MAX_UPLOAD_BYTES,
            URL_LIFETIME_SECONDS, ALLOWED_EXTENSIONS, S3_ENDPOINT, S3_PATH_STYLE, ALLOWED_ORIGINS, UPLOAD_TOKEN,
            ORIGIN_SECRET, LIFETIMES, DEFAULT_LIFETIME);

    static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_URL_LIFETIME_SECONDS = 300;
    /** S3 caps a single PUT at 5 GiB. */
    static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;
    /**
     * The longest upload URL this function can honestly promise: 15 minutes. SigV4 would sign for up to seven
     * days, but a URL signed with a role's temporary credentials stops working when they expire, whatever it
     * says (S3 user guide, "Who can create a presigned URL"), and Lambda documents no lifetime for the role
     * session it hands a function. The SDK's container-credentials provider (SnapStart) refreshes credentials
     * 15 minutes before they expire, so the credentials a URL is signed with have at least that long left.
     * template.yaml's UrlLifetimeSeconds has the same maximum (checked by the infra module).
     */
    public static final long MAX_URL_LIFETIME_SECONDS = 15L * 60;

    public TicketConfig {
        allowedExtensions = Set.copyOf(allowedExtensions);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (publicBaseUrl.isEmpty() && originSecret.isEmpty()) {
            throw new ConfigurationException(PUBLIC_BASE_URL + " is not set (or set " + ORIGIN_SECRET
                    + " to take the links' host from CloudFront)");
        }
    }

    public static TicketConfig fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new TicketConfig(
                env.required(BUCKET),
                env.required(REGION),
                env.optional(PUBLIC_BASE_URL).map(value -> httpUrl(PUBLIC_BASE_URL, value)),
                env.longInRange(MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES, 1, MAX_SINGLE_PUT_BYTES),
                Duration.ofSeconds(env.longInRange(
                        URL_LIFETIME_SECONDS, DEFAULT_URL_LIFETIME_SECONDS, 1, MAX_URL_LIFETIME_SECONDS)),
                env.optional(ALLOWED_EXTENSIONS).map(TicketConfig::allowedExtensions)
                        .orElse(ImageTypes.DEFAULT_ALLOWED),
                env.optional(S3_ENDPOINT).map(value -> httpUrl(S3_ENDPOINT, value)),
                env.flag(S3_PATH_STYLE, false),
                env.optional(ALLOWED_ORIGINS).map(TicketConfig::origins).orElse(List.of()),
                env.optional(UPLOAD_TOKEN),
                env.optional(ORIGIN_SECRET),
                LifetimeChoices.parse(env.optional(LIFETIMES).orElse(LifetimeChoices.DEFAULT_LIST),
                        env.optional(DEFAULT_LIFETIME)));
    }

    /** The same settings with links on a fixed base: SnapStart priming has no viewer host to take them from. */
    TicketConfig withPublicBaseUrl(URI base) {
        return new TicketConfig(bucket, region, Optional.of(base), maxUploadBytes, urlLifetime, allowedExtensions,
                s3Endpoint, pathStyleAccess, allowedOrigins, uploadToken, originSecret, lifetimes);
    }

    static Set<String> allowedExtensions(String list) {
        Set<String> result = new LinkedHashSet<>();
        for (String item : splitList(list)) {
            String extension = ImageTypes.normalise(item).orElseThrow(() -> new ConfigurationException(
                    ALLOWED_EXTENSIONS + ": '" + item + "' is not a file extension"));
            if (ImageTypes.isExecutable(extension)) {
                throw new ConfigurationException(ALLOWED_EXTENSIONS + ": " + extension
                        + " is never allowed, because browsers can run scripts inside it");
            }
            if (!ImageTypes.isKnownImage(extension)) {
                throw new ConfigurationException(ALLOWED_EXTENSIONS + ": " + extension
                        + " is not an image type Pinhole knows how to serve");
            }
            result.add(extension);
        }
        if (result.isEmpty()) {
            throw new ConfigurationException(ALLOWED_EXTENSIONS + " lists no extension");
        }
        return result;
    }

    private static List<String> origins(String list) {
        List<String> origins = splitList(list);
        for (String origin : origins) {
            URI uri = httpUrl(ALLOWED_ORIGINS, origin);
            if (!uri.getRawPath().isEmpty() || !origin.equals(uri.getScheme() + "://" + uri.getRawAuthority())) {
                throw new ConfigurationException(ALLOWED_ORIGINS
                        + ": '" + origin + "' is not an origin (scheme://host[:port], no path, no '*')");
            }
            // Browsers send origins lower-case and without a default port; any other spelling never matches.
            boolean defaultPort = uri.getPort() == 443 && "https".equals(uri.getScheme())
                    || uri.getPort() == 80 && "http".equals(uri.getScheme());
            if (!origin.equals(origin.toLowerCase(java.util.Locale.ROOT)) || defaultPort) {
                throw new ConfigurationException(ALLOWED_ORIGINS + ": write '" + origin
                        + "' as browsers send it: lower-case, without the default port");
            }
        }
        return origins;
    }

    /** A comma-separated setting's items, trimmed; empty items are dropped. */
    static List<String> splitList(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    /** An absolute http(s) URL without query or fragment; a trailing slash is dropped. */
    private static URI httpUrl(String name, String value) {
        String trimmed = value.replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigurationException(name + " must be an http(s) URL such as https://images.example.com, not '"
                + value + "'");
    }
}
