package dev.pinhole.tickets;

import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.tickets.signing.UploadSigner;
import java.net.URI;
import java.time.Duration;

/**
 * Applies the upload policy, mints a fresh name and presigns its PUT: the whole of "issue a ticket". The PUT
 * goes to the upload prefix, which nothing serves; the link is the name under the public prefix, where the
 * publisher writes the image once it has checked it.
 */
final class TicketIssuer {
    private final UploadPolicy policy;
    private final UploadSigner signer;
    private final Duration urlLifetime;

    TicketIssuer(TicketConfig config, UploadSigner signer) {
        this.policy = new UploadPolicy(config.allowedExtensions(), config.maxUploadBytes());
        this.signer = signer;
        this.urlLifetime = config.urlLifetime();
    }

    /** @param linkBase scheme and host of the public link and the status URL, from {@link LinkBase} */
    UploadTicket issue(UploadRequest request, URI linkBase) {
        ApprovedUpload upload = policy.approve(request);
        ImageKey key = ImageKey.mint(upload.extension());
        UploadSigner.PresignedPut put = signer.presignPut(key.uploadKey(), upload.size(),
                UploadHeaders.pinnedFor(upload), urlLifetime);
        return new UploadTicket(key, linkBase + "/" + key.publicKey(), linkBase + ImageRoutes.path(key), upload, put);
    }
}
