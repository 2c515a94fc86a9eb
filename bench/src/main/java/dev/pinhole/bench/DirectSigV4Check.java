package dev.pinhole.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * EXPERIMENT (see DirectSigV4). Without arguments: one presigned PUT, printed as a ticket-like line, for
 * the cold-start comparison. With "--check": presigns the same PUT with S3Presigner and with DirectSigV4 at
 * S3Presigner's signing time and says whether the signatures are identical, i.e. whether S3 would accept it.
 */
public final class DirectSigV4Check {
    private DirectSigV4Check() {
    }

    public static void main(String[] args) {
        String bucket = System.getenv("PINHOLE_BUCKET");
        String region = System.getenv("AWS_REGION");
        AwsCredentialsIdentity credentials = EnvironmentVariableCredentialsProvider.create().resolveCredentials();
        DirectSigV4 direct = new DirectSigV4(bucket, region, credentials, Duration.ofMinutes(5));
        if (args.length == 0) {
            URI url = direct.presignPut("i/AAAAAAAAAAAAAAAAAAAAAA.png", "image/png", 48213, Clock.systemUTC());
            System.out.println("{\"upload\":{\"url\":\"" + url + "\"}}");
            return;
        }
        Fixture fixture = new Fixture();
        fixture.setUp();
        URI sdk = URI.create(fixture.presign().url().toString());
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(query(sdk, "X-Amz-Date"), Instant::from);
        URI mine = direct.presignPut("i/AAAAAAAAAAAAAAAAAAAAAA.png", "image/png", 48213,
                Clock.fixed(signedAt, ZoneOffset.UTC));
        boolean same = query(sdk, "X-Amz-Signature").equals(query(mine, "X-Amz-Signature"));
        System.out.println((same ? "identical signatures\n" : "DIFFERENT signatures\n") + sdk + "\n" + mine);
        System.exit(same ? 0 : 1);
    }

    private static String query(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException(name + " not in " + url);
    }
}
