package dev.pinhole.tickets;

import java.net.URI;

/** Applies the upload policy, mints a fresh key and presigns its PUT: the whole of "issue a ticket". */
final class TicketIssuer {
    private final UploadPolicy policy;
    private final KeyGenerator keys;
    private final TicketPresigner presigner;

    TicketIssuer(TicketConfig config, TicketPresigner presigner) {
        this.policy = new UploadPolicy(config.allowedExtensions(), config.maxUploadBytes());
        this.keys = new KeyGenerator();
        this.presigner = presigner;
    }

    /** @param linkBase scheme and host of the public link, from {@link LinkBase} */
    UploadTicket issue(UploadRequest request, URI linkBase) {
        ApprovedUpload upload = policy.approve(request);
        String key = keys.newKey(upload.extension());
        return new UploadTicket(key, linkBase + "/" + key, upload, presigner.presign(key, upload));
    }
}
