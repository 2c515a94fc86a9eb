package dev.pinhole.tickets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers a ticket pins: the client must send exactly these with its PUT, and the signature covers
 * them (with Host and Content-Length). S3 then refuses another type, a second write to the key and,
 * when a checksum was given, other bytes; the signed Content-Length refuses another size.
 */
final class UploadHeaders {
    private UploadHeaders() {
    }

    /** In the order the ticket lists them, which is the order a client will most likely send them in. */
    static Map<String, String> pinnedFor(ApprovedUpload upload) {
        // Host and Content-Length are signed too, but set by the client's HTTP stack itself (browsers refuse
        // to let scripts set them), so they are not listed.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", upload.contentType());
        headers.put("if-none-match", "*");
        upload.sha256Base64().ifPresent(sha256 -> headers.put("x-amz-checksum-sha256", sha256));
        return headers;
    }
}
