package dev.pinhole.tickets;

import dev.pinhole.tickets.signing.UploadSigner;

/** What a client needs to upload one image: the key, the public link it will have, and the presigned PUT. */
record UploadTicket(String key, String publicUrl, ApprovedUpload upload, UploadSigner.PresignedPut put) {
}
