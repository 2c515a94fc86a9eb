package dev.pinhole.tickets;

import dev.pinhole.core.ImageMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The headers a ticket pins: the client must send exactly these with its PUT, and the signature covers
 * them (with Host and Content-Length). S3 then refuses another type, a second write to the key and,
 * when a checksum was given, other bytes; the signed Content-Length refuses another size. The user metadata
 * is signed for the same reason: S3 stores it with the upload, and the publisher trusts it, so a client must
 * not be able to drop the delete hash or stretch a lifetime.
 */
final class UploadHeaders {
    private UploadHeaders() {
    }

    /**
     * In the order the ticket lists them, which is the order a client will most likely send them in.
     *
     * @param deleteHash  {@code DeleteToken.hash} of the ticket's delete token
     * @param removeAfter when the image is to go; empty when it is kept until deleted
     */
    static Map<String, String> pinnedFor(ApprovedUpload upload, String deleteHash, Optional<Instant> removeAfter) {
        // Host and Content-Length are signed too, but set by the client's HTTP stack itself (browsers refuse
        // to let scripts set them), so they are not listed.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", upload.contentType());
        headers.put("if-none-match", "*");
        upload.sha256Base64().ifPresent(sha256 -> headers.put("x-amz-checksum-sha256", sha256));
        headers.put(ImageMetadata.header(ImageMetadata.DELETE_HASH), deleteHash);
        upload.lifetime().ifPresent(lifetime ->
                headers.put(ImageMetadata.header(ImageMetadata.LIFETIME), lifetime.label()));
        removeAfter.ifPresent(instant ->
                headers.put(ImageMetadata.header(ImageMetadata.REMOVE_AFTER), instant.toString()));
        return headers;
    }
}
