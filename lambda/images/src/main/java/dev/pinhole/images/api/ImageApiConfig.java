package dev.pinhole.images.api;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Environment;
import dev.pinhole.images.store.StoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the image API is configured with, read once at start-up; the only place that knows its variables.
 * The link settings are the ticket function's: links in a status answer are the links its tickets announced.
 */
public record ImageApiConfig(StoreConfig store, Optional<URI> publicBaseUrl, Optional<String> originSecret) {
    public static final String PUBLIC_BASE_URL = "PINHOLE_PUBLIC_BASE_URL";
    public static final String ORIGIN_SECRET = "PINHOLE_ORIGIN_SECRET";

    public static final List<String> VARIABLES = variables();

    public ImageApiConfig {
        if (publicBaseUrl.isEmpty() && originSecret.isEmpty()) {
            throw new ConfigurationException(PUBLIC_BASE_URL + " is not set (or set " + ORIGIN_SECRET
                    + " to take the links' host from CloudFront)");
        }
    }

    public static ImageApiConfig fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new ImageApiConfig(StoreConfig.from(env), env.optional(PUBLIC_BASE_URL).map(ImageApiConfig::httpUrl),
                env.optional(ORIGIN_SECRET));
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigurationException(PUBLIC_BASE_URL + " must be an http(s) URL such as https://images.example.com,"
                + " not '" + value + "'");
    }

    private static List<String> variables() {
        List<String> names = new ArrayList<>(StoreConfig.VARIABLES);
        names.addAll(List.of(PUBLIC_BASE_URL, ORIGIN_SECRET));
        return List.copyOf(names);
    }
}
