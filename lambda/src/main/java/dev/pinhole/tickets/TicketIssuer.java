package dev.pinhole.tickets;

/** Applies the upload policy, mints a fresh key and presigns its PUT: the whole of "issue a ticket". */
final class TicketIssuer {
    private final UploadPolicy policy;
    private final KeyGenerator keys;
    private final TicketPresigner presigner;
    private final TicketConfig config;

    TicketIssuer(TicketConfig config, TicketPresigner presigner) {
        this.policy = new UploadPolicy(config.allowedExtensions(), config.maxUploadBytes());
        this.keys = new KeyGenerator();
        this.presigner = presigner;
        this.config = config;
    }

    UploadTicket issue(UploadRequest request) {
        ApprovedUpload upload = policy.approve(request);
        String key = keys.newKey(upload.extension());
        return new UploadTicket(key, config.publicUrl(key), upload, presigner.presign(key, upload));
    }
}
