package dev.pinhole.tickets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigns the PUT of one approved upload. The signature covers Content-Type, Content-Length,
 * {@code If-None-Match: *} and, when given, {@code x-amz-checksum-sha256}; S3 then refuses another type,
 * another size, a second write to the key and other bytes.
 */
final class TicketPresigner {
    /** Signed, but set by the client's HTTP stack itself (browsers refuse to let scripts set them). */
    private static final List<String> SET_BY_CLIENT = List.of("host", "content-length");

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration lifetime;

    TicketPresigner(S3Presigner presigner, String bucket, Duration lifetime) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.lifetime = lifetime;
    }

    PresignedPut presign(String key, ApprovedUpload upload) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(upload.contentType())
                .contentLength(upload.size())
                .ifNoneMatch("*");
        upload.sha256Base64().ifPresent(put::checksumSHA256);
        PresignedPutObjectRequest signed = presigner.presignPutObject(request -> request
                .signatureDuration(lifetime)
                .putObjectRequest(put.build()));
        // X-Amz-Date has whole seconds, so the URL really expires at a whole second.
        return new PresignedPut(signed.url().toString(), headersToSend(signed),
                signed.expiration().truncatedTo(ChronoUnit.SECONDS));
    }

    private static Map<String, String> headersToSend(PresignedPutObjectRequest signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    record PresignedPut(String url, Map<String, String> headers, java.time.Instant expiresAt) {
    }
}
