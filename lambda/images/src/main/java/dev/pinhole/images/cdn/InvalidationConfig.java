package dev.pinhole.images.cdn;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Environment;
import dev.pinhole.images.store.StoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the invalidator is configured with, read once at start-up; the only place that knows its variables.
 *
 * @param distributionId     the CloudFront distribution whose links are invalidated (the role may invalidate this
 *                           one only)
 * @param cloudFrontEndpoint CloudFront's API; another only for tests
 */
public record InvalidationConfig(StoreConfig store, String distributionId, URI cloudFrontEndpoint) {
    public static final String DISTRIBUTION_ID = "PINHOLE_DISTRIBUTION_ID";
    /** Tests and tools only: production talks to CloudFront's one global endpoint. */
    public static final String CLOUDFRONT_ENDPOINT = "PINHOLE_CLOUDFRONT_ENDPOINT";

    public static final List<String> VARIABLES = variables();

    /** CloudFront's ids are upper-case letters and digits (E2QWRUHAPOMQZL); it goes into a URL path. */
    private static final Pattern ID = Pattern.compile("[A-Z0-9]{1,64}");

    public InvalidationConfig {
        if (!ID.matcher(distributionId).matches()) {
            throw new ConfigurationException(DISTRIBUTION_ID + " must be a CloudFront distribution id such as "
                    + "E2QWRUHAPOMQZL, not '" + distributionId + "'");
        }
    }

    public static InvalidationConfig fromEnvironment(java.util.Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new InvalidationConfig(StoreConfig.from(env), env.required(DISTRIBUTION_ID),
                env.optional(CLOUDFRONT_ENDPOINT).map(InvalidationConfig::endpoint)
                        .orElse(CloudFrontInvalidations.ENDPOINT));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigurationException(CLOUDFRONT_ENDPOINT + " must be an http(s) URL without a path, such as "
                + "http://127.0.0.1:9100, not '" + value + "'");
    }

    private static List<String> variables() {
        List<String> names = new ArrayList<>(StoreConfig.VARIABLES);
        names.addAll(List.of(DISTRIBUTION_ID, CLOUDFRONT_ENDPOINT));
        return List.copyOf(names);
    }
}
