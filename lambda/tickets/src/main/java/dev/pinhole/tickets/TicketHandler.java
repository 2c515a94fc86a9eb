package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ErrorJson;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.tickets.signing.LambdaCredentials;
import dev.pinhole.tickets.signing.UploadSigner;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The Pinhole API: {@code POST /api/uploads} issues an upload ticket, {@code GET /api/limits} says what
 * would be accepted. Runs behind API Gateway (HTTP API, payload 2.0) and, unchanged, in the local stack.
 */
public final class TicketHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final String UPLOADS = "/api/uploads";
    public static final String LIMITS = "/api/limits";

    /** The limits never change while the function runs, so their answer is written once. */
    private final String limitsBody;
    private final TicketIssuer issuer;
    private final Cors cors;
    private final UploadToken token;
    private final LinkBase links;
    private final TicketLog log;
    /** What {@link #withTelemetry} builds another handler from. */
    private final TicketConfig config;
    private final UploadSigner signer;
    private final Clock clock;
    /** Held so that priming stays registered (CRaC keeps resources only weakly); unused outside Lambda. */
    private SnapStartPriming priming;

    /** Used by the Lambda runtime: configuration from the environment, credentials from the runtime. */
    public TicketHandler() {
        this(TicketConfig.fromEnvironment(System.getenv()));
    }

    private TicketHandler(TicketConfig config) {
        this(config, LambdaCredentials.from(System.getenv()));
        this.priming = SnapStartPriming.register(config);
    }

    /** Used by other modules' tests, which bring their own configuration and credentials. */
    public TicketHandler(TicketConfig config, AwsCredentialsProvider credentials) {
        this(config, credentials, Clock.systemUTC());
    }

    /**
     * Used by the local stack, which also brings the clock that dates a lifetime's removeAfter (so tests can move
     * past it). Upload URLs are signed in real time whatever this clock says: S3 checks their dates.
     */
    public TicketHandler(TicketConfig config, AwsCredentialsProvider credentials, Clock clock) {
        this(config, signer(config, credentials), clock);
    }

    /** Used by this module's tests, which share one signer as a runtime has one. */
    TicketHandler(TicketConfig config, UploadSigner signer) {
        this(config, signer, Clock.systemUTC());
    }

    TicketHandler(TicketConfig config, UploadSigner signer, Clock clock) {
        this(config, signer, clock, Telemetry.lambda(TicketMetrics.FUNCTION));
    }

    private TicketHandler(TicketConfig config, UploadSigner signer, Clock clock, Telemetry telemetry) {
        this.config = config;
        this.signer = signer;
        this.clock = clock;
        this.log = new TicketLog(telemetry);
        this.limitsBody = JsonBodies.limits(config);
        this.issuer = new TicketIssuer(config, signer, clock);
        this.cors = new Cors(config.allowedOrigins());
        this.token = new UploadToken(config.uploadToken());
        this.links = LinkBase.of(config);
    }

    /**
     * The same handler writing its log lines to {@code telemetry} instead of JSON on standard output: the local
     * stack's readable lines ({@code Telemetry.readable(TicketMetrics.FUNCTION, System.out)}), a test's capture.
     */
    public TicketHandler withTelemetry(Telemetry telemetry) {
        return new TicketHandler(config, signer, clock, telemetry);
    }

    /** The signer for the configured bucket: built once per runtime, it resolves credentials on each presign. */
    static UploadSigner signer(TicketConfig config, AwsCredentialsProvider credentials) {
        return UploadSigner.create(config.bucket(), config.region(), config.s3Endpoint(), config.pathStyleAccess(),
                credentials);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = ApiRequest.of(event);
        TicketLog.Ids ids = TicketLog.Ids.of(event, context);
        Map<String, String> headers = new HashMap<>();
        cors.addResponseHeaders(request.header("origin"), headers);
        try {
            return route(request, ids, headers);
        } catch (ApiException refused) {
            log.refused(ids, request, refused);
            headers.putAll(refused.headers());
            return respond(refused.status(), refused.json(), headers);
        } catch (RuntimeException fault) {
            // A fault of ours (never of the caller's input): log it whole for the operator, tell the
            // caller nothing internal.
            log.internalError(ids, request, fault);
            return respond(ErrorCode.INTERNAL_ERROR.status(),
                    ErrorJson.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."), headers);
        }
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request, TicketLog.Ids ids, Map<String, String> headers) {
        switch (request.path()) {
            case UPLOADS:
                if (request.isMethod("POST")) {
                    return createTicket(request, ids, headers);
                }
                return otherMethod(request, ids, "POST", headers);
            case LIMITS:
                if (request.isMethod("GET")) {
                    log.answered(ids, request, 200);
                    return respond(200, limitsBody, headers);
                }
                return otherMethod(request, ids, "GET", headers);
            default:
                throw new ApiException(ErrorCode.NOT_FOUND, "There is nothing at this path. The API has "
                        + "POST " + UPLOADS + " and GET " + LIMITS + ".");
        }
    }

    private APIGatewayV2HTTPResponse createTicket(ApiRequest request, TicketLog.Ids ids, Map<String, String> headers) {
        token.check(request.header(UploadToken.HEADER));
        URI linkBase = links.forRequest(request);
        String json = RequestBodies.text(request.body(), request.base64Encoded());
        UploadTicket ticket = issuer.issue(UploadRequestParser.parse(json), linkBase);
        headers.put("location", ticket.publicUrl());
        log.issued(ids, ticket);
        return respond(201, JsonBodies.ticket(ticket), headers);
    }

    /** Answers a CORS preflight for the route, or refuses the method. */
    private APIGatewayV2HTTPResponse otherMethod(ApiRequest request, TicketLog.Ids ids, String allowed,
                                                 Map<String, String> headers) {
        if (request.isMethod("OPTIONS") && cors.enabled()) {
            headers.putAll(cors.preflightHeaders(request.header("origin"), allowed));
            log.answered(ids, request, 204);
            return respond(204, null, headers);
        }
        throw ApiException.methodNotAllowed(request.method(), allowed);
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, Map<String, String> headers) {
        if (body != null) {
            headers.put("content-type", "application/json; charset=utf-8");
        }
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
