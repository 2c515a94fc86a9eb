package dev.pinhole.tickets.signing;

import java.net.URI;
import java.util.Optional;

/**
 * Where an object of the image bucket is PUT: scheme, host, port and the path before the key. AWS S3 is
 * addressed virtual-hosted ({@code bucket.s3.<region>.amazonaws.com}, and {@code bucket.s3.amazonaws.com}
 * in us-east-1, as the SDK does); an S3-compatible endpoint (the local stack, MinIO, R2) as configured.
 */
record ObjectAddress(String scheme, String host, int port, String pathPrefix) {

    static ObjectAddress of(String bucket, String region, Optional<URI> s3Endpoint, boolean pathStyleAccess) {
        if (s3Endpoint.isPresent()) {
            URI endpoint = s3Endpoint.get();
            String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
            return pathStyleAccess
                    ? new ObjectAddress(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(),
                            basePath + "/" + bucket + "/")
                    : new ObjectAddress(endpoint.getScheme(), bucket + "." + endpoint.getHost(), endpoint.getPort(),
                            basePath + "/");
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        String service = "us-east-1".equals(region) ? "s3." + domain : "s3." + region + "." + domain;
        return pathStyleAccess
                ? new ObjectAddress("https", service, -1, "/" + bucket + "/")
                : new ObjectAddress("https", bucket + "." + service, -1, "/");
    }
}
