package dev.pinhole.tickets;

import dev.pinhole.core.ImageKey;
import dev.pinhole.tickets.signing.UploadSigner;

/**
 * What a client needs to upload one image: its name, the public link it will have once published, where to
 * ask whether it is, and the presigned PUT into the upload prefix.
 */
record UploadTicket(ImageKey key, String publicUrl, String statusUrl, ApprovedUpload upload,
                    UploadSigner.PresignedPut put) {
}
