package dev.pinhole.tickets.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinhole.core.ImageMetadata;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * UploadSigner signs with the SDK's SigV4 signer directly. Here the SDK's own S3Presigner (test scope only)
 * presigns the same PUT, and both URLs must be identical at the same instant: same host, path, signed
 * headers and signature, so S3 treats them alike.
 */
class SignerEquivalenceTest {
    private static final String BUCKET = "pinhole-images-1234";
    private static final String KEY = "i/q3Lr0w9xT0m5QmJ7cV2b1A.png";
    private static final String SHA256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    /** User metadata as a ticket with a lifetime signs it, by the SDK's names (without x-amz-meta-). */
    private static final Map<String, String> METADATA = metadata();

    private static Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ImageMetadata.DELETE_HASH, "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg");
        metadata.put(ImageMetadata.LIFETIME, "7d");
        metadata.put(ImageMetadata.REMOVE_AFTER, "2026-12-08T18:30:15Z");
        return metadata;
    }

    @ParameterizedTest(name = "{0}, endpoint {1}, path style {2}, checksum {3}, session {4}, metadata {5}")
    @CsvSource({
            "us-east-1, , false, true, false, false",
            "eu-west-1, , false, false, false, false",
            "eu-west-1, , false, true, true, true",
            "ap-southeast-2, , true, true, false, true",
            "us-east-1, http://127.0.0.1:9000, true, true, false, false",
            "us-east-1, http://127.0.0.1:9000, true, false, false, true",
            "eu-central-1, https://minio.example.org, true, false, true, true",
            "auto, https://account.r2.cloudflarestorage.com, false, true, false, false"})
    void uploadSigner_signsExactlyAsS3Presigner(String region, String endpoint, boolean pathStyle,
                                                boolean checksum, boolean session, boolean metadata) {
        // Given the same bucket, key, headers, credentials and addressing for both
        Optional<URI> s3Endpoint = Optional.ofNullable(endpoint).map(URI::create);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(session
                ? AwsSessionCredentials.create("ASIAPINHOLE", "secret/with+chars", "session+token/=")
                : AwsBasicCredentials.create("AKIAPINHOLE", "secret/with+chars"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "image/png");
        headers.put("if-none-match", "*");
        if (checksum) {
            headers.put("x-amz-checksum-sha256", SHA256);
        }
        if (metadata) {
            METADATA.forEach((name, value) -> headers.put(ImageMetadata.header(name), value));
        }

        // When the SDK's presigner signs (the metadata as PutObject's own), and UploadSigner signs at its instant
        URI sdk = sdkPresign(region, s3Endpoint, pathStyle, credentials, checksum, metadata);
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                .parse(query(sdk).get("X-Amz-Date"), Instant::from);
        UploadSigner ours = new UploadSigner(ObjectAddress.of(BUCKET, region, s3Endpoint, pathStyle), region,
                credentials, Clock.fixed(signedAt, ZoneOffset.UTC));
        URI mine = URI.create(ours.presignPut(KEY, 48213, headers, Duration.ofSeconds(300)).url());

        // Then both address the same object and carry the same signature
        assertEquals(sdk.getScheme() + "://" + sdk.getRawAuthority() + sdk.getRawPath(),
                mine.getScheme() + "://" + mine.getRawAuthority() + mine.getRawPath());
        assertEquals(query(sdk), query(mine));
    }

    private static URI sdkPresign(String region, Optional<URI> s3Endpoint, boolean pathStyle,
                                  StaticCredentialsProvider credentials, boolean checksum, boolean metadata) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        s3Endpoint.ifPresent(builder::endpointOverride);
        try (S3Presigner presigner = builder.build()) {
            PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
                    .signatureDuration(Duration.ofSeconds(300))
                    .putObjectRequest(put -> put.bucket(BUCKET).key(KEY).contentType("image/png")
                            .contentLength(48213L).ifNoneMatch("*")
                            .checksumSHA256(Optional.of(SHA256).filter(x -> checksum).orElse(null))
                            .metadata(metadata ? METADATA : null)));
            return URI.create(presigned.url().toString());
        }
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parameters;
    }
}
