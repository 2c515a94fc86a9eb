package dev.pinhole.tickets;

import dev.pinhole.tickets.signing.UploadSigner;
import java.net.URI;
import java.time.Duration;

/** Applies the upload policy, mints a fresh key and presigns its PUT: the whole of "issue a ticket". */
final class TicketIssuer {
    private final UploadPolicy policy;
    private final KeyGenerator keys;
    private final UploadSigner signer;
    private final Duration urlLifetime;

    TicketIssuer(TicketConfig config, UploadSigner signer) {
        this.policy = new UploadPolicy(config.allowedExtensions(), config.maxUploadBytes());
        this.keys = new KeyGenerator();
        this.signer = signer;
        this.urlLifetime = config.urlLifetime();
    }

    /** @param linkBase scheme and host of the public link, from {@link LinkBase} */
    UploadTicket issue(UploadRequest request, URI linkBase) {
        ApprovedUpload upload = policy.approve(request);
        String key = keys.newKey(upload.extension());
        UploadSigner.PresignedPut put = signer.presignPut(key, upload.size(), UploadHeaders.pinnedFor(upload),
                urlLifetime);
        return new UploadTicket(key, linkBase + "/" + key, upload, put);
    }
}
