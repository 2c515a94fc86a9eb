package dev.pinhole.tickets;

import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.tickets.signing.UploadSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Applies the upload policy, mints a fresh name and delete token and presigns the PUT: the whole of "issue a
 * ticket". The PUT goes to the upload prefix, which nothing serves; the link is the name under the public prefix,
 * where the publisher writes the image once it has checked it.
 *
 * <p>The token is fresh randomness, unrelated to the name, so nothing that knows the link can work it out. Only its
 * hash is signed into the PUT, to be carried onto the image; the token itself is in the answer and nowhere else.
 */
final class TicketIssuer {
    private final UploadPolicy policy;
    private final UploadSigner signer;
    private final Duration urlLifetime;
    /**
     * When a ticket is issued, for its removeAfter. Apart from the signer's own clock on purpose: the local stack
     * moves this one to test expiry, while an upload URL must be dated in real time for S3 to take it.
     */
    private final Clock clock;

    TicketIssuer(TicketConfig config, UploadSigner signer, Clock clock) {
        this.policy = new UploadPolicy(config.allowedExtensions(), config.maxUploadBytes(), config.lifetimes());
        this.signer = signer;
        this.urlLifetime = config.urlLifetime();
        this.clock = clock;
    }

    /** @param linkBase scheme and host of the public link and the status URL, from {@link LinkBase} */
    UploadTicket issue(UploadRequest request, URI linkBase) {
        ApprovedUpload upload = policy.approve(request);
        ImageKey key = ImageKey.mint(upload.extension());
        String deleteToken = DeleteToken.mint();
        // Whole seconds: the same text goes into the answer and the signed metadata, and is what people read.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> removeAfter = upload.lifetime().map(lifetime -> lifetime.removeAfter(issuedAt));
        UploadSigner.PresignedPut put = signer.presignPut(key.uploadKey(), upload.size(),
                UploadHeaders.pinnedFor(upload, DeleteToken.hash(deleteToken), removeAfter), urlLifetime);
        return new UploadTicket(key, linkBase + "/" + key.publicKey(), linkBase + ImageRoutes.path(key), upload, put,
                deleteToken, removeAfter);
    }
}
