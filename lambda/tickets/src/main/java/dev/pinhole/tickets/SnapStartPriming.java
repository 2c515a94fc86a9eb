package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.core.log.Telemetry;
import java.net.URI;
import java.time.Clock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * SnapStart priming: just before Lambda snapshots the initialised runtime, one ticket goes through a
 * handler of the same configuration, so the classes of the whole request path (parser, policy, key
 * generator, the SigV4 signer, the JSON writer) are loaded, initialised and partly compiled in the
 * snapshot rather than on the first request after a restore.
 *
 * <p>The priming handler signs with placeholder credentials: SnapStart functions get no credentials in
 * environment variables before the snapshot, and a primed URL must never be valid anyway. Presigning
 * needs no network. Keys stay unique across restored copies because KeyGenerator's SecureRandom reads
 * the kernel's generator on every call. On a JVM without CRaC nothing here runs.
 */
final class SnapStartPriming implements Resource {
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "priming-only-never-valid"));
    /**
     * Behind CloudFront the links' host comes with each request (see LinkBase), and the priming request has
     * none; without a fixed base it would stop at 403 before the signer, which is the part worth priming.
     */
    private static final URI PRIMING_LINKS = URI.create("https://priming.invalid");
    /** Writes the priming request's line nowhere, yet builds it: its classes are on the path worth priming. */
    private static final Telemetry SILENT = new Telemetry(TicketMetrics.FUNCTION, Telemetry.Style.JSON, line -> {
    }, Clock.systemUTC());

    private final TicketConfig config;

    private SnapStartPriming(TicketConfig config) {
        this.config = config;
    }

    /** Registers priming; the caller must keep the result, as CRaC holds resources only weakly. */
    static SnapStartPriming register(TicketConfig config) {
        SnapStartPriming priming = new SnapStartPriming(config);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /** Issues the priming ticket; the response is returned for tests only. */
    APIGatewayV2HTTPResponse prime() {
        TicketConfig primingConfig = config.withPublicBaseUrl(PRIMING_LINKS);
        // Silent: the priming ticket is no ticket anyone asked for, and must not count as one in the metrics.
        TicketHandler handler = new TicketHandler(primingConfig, PLACEHOLDER).withTelemetry(SILENT);
        return handler.handleRequest(IssueOneTicket.event(IssueOneTicket.DEFAULT_REQUEST), null);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the handler's signer resolves credentials on every presign.
    }
}
