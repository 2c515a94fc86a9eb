package dev.pinhole.tickets;

import dev.pinhole.core.ImageKey;
import dev.pinhole.tickets.signing.UploadSigner;
import java.time.Instant;
import java.util.Optional;

/**
 * What a client needs to upload one image: its name, the public link it will have once published, where to
 * ask whether it is (and to delete it, with the token), the presigned PUT into the upload prefix, and when
 * the image will be removed (empty: kept until deleted).
 */
record UploadTicket(ImageKey key, String publicUrl, String statusUrl, ApprovedUpload upload,
                    UploadSigner.PresignedPut put, String deleteToken, Optional<Instant> removeAfter) {

    /** Without the delete token: a ticket that reaches a log or an assertion message must not carry it there. */
    @Override
    public String toString() {
        return "UploadTicket[key=" + key + ", publicUrl=" + publicUrl + ", statusUrl=" + statusUrl + ", upload="
                + upload + ", put=" + put + ", deleteToken=(not shown), removeAfter=" + removeAfter + "]";
    }
}
