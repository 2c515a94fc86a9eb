package dev.pinhole.tickets;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda snapshots the initialised runtime, one ticket goes through the
 * handler, so the classes of the whole request path (Gson, the presigner's endpoint rules, signer,
 * marshaller) are loaded and initialised in the snapshot rather than on the first request after a
 * restore. Presigning needs no network, so this is safe in the init phase.
 *
 * <p>Keys stay unique across restored copies: KeyGenerator's SecureRandom reads the kernel's generator on
 * every call, which Lambda reseeds on restore. Without CRaC/SnapStart (a plain JVM, the local stack)
 * beforeCheckpoint is never called and this costs nothing.
 */
final class SnapStartPriming implements Resource {
    private final TicketHandler handler;

    private SnapStartPriming(TicketHandler handler) {
        this.handler = handler;
    }

    /** Registers priming for the handler; the caller must keep the result, as CRaC holds it only weakly. */
    static SnapStartPriming register(TicketHandler handler) {
        SnapStartPriming priming = new SnapStartPriming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        handler.handleRequest(IssueOneTicket.event(IssueOneTicket.DEFAULT_REQUEST), null);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the presigner resolves credentials on every presign.
    }
}
