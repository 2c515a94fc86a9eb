package dev.pinhole.tickets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Presigns the PUT of one approved upload. The signature covers Content-Type, Content-Length,
 * {@code If-None-Match: *} and, when given, {@code x-amz-checksum-sha256}; S3 then refuses another type,
 * another size, a second write to the key and other bytes.
 */
final class TicketPresigner {
    private final UploadSigner signer;
    private final Duration lifetime;

    TicketPresigner(UploadSigner signer, Duration lifetime) {
        this.signer = signer;
        this.lifetime = lifetime;
    }

    /** @param key the upload's object key, under the upload prefix */
    UploadSigner.PresignedPut presign(String key, ApprovedUpload upload) {
        // The headers the client sends verbatim. Host and Content-Length are signed too, but set by the
        // client's HTTP stack itself (browsers refuse to let scripts set them).
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", upload.contentType());
        headers.put("if-none-match", "*");
        upload.sha256Base64().ifPresent(sha256 -> headers.put("x-amz-checksum-sha256", sha256));
        return signer.presignPut(key, upload.size(), headers, lifetime);
    }
}
