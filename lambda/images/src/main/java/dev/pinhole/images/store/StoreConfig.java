package dev.pinhole.images.store;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Environment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Where the image bucket is, as every image function reads it. The variable names are the ticket function's,
 * so one stack sets one value for all of them.
 */
public record StoreConfig(String bucket, String region, Optional<URI> s3Endpoint, boolean pathStyleAccess) {
    public static final String BUCKET = "PINHOLE_BUCKET";
    public static final String REGION = "AWS_REGION";
    /** Local stack only (S3Proxy); production talks to S3's regional endpoint. */
    public static final String S3_ENDPOINT = "PINHOLE_S3_ENDPOINT";
    public static final String S3_PATH_STYLE = "PINHOLE_S3_PATH_STYLE";

    public static final List<String> VARIABLES = List.of(BUCKET, REGION, S3_ENDPOINT, S3_PATH_STYLE);

    public static StoreConfig from(Environment env) {
        return new StoreConfig(env.required(BUCKET), env.required(REGION),
                env.optional(S3_ENDPOINT).map(StoreConfig::endpoint), env.flag(S3_PATH_STYLE, false));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigurationException(S3_ENDPOINT + " must be an http(s) URL such as http://127.0.0.1:9000, not '"
                + value + "'");
    }
}
