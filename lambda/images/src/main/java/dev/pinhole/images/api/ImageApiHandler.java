package dev.pinhole.images.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ErrorJson;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.images.store.S3Clients;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The image API: {@code GET /api/images/<id>.<ext>} tells a client where its upload is: {@code checking},
 * {@code published} (with the link and what metadata was removed), {@code refused} (with the reason) or
 * {@code deleted}; {@code DELETE} on the same resource, with the ticket's delete token in
 * {@value DeleteToken#HEADER}, takes the image back ({@link Deletion}).
 */
public final class ImageApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The methods each image resource answers: the Allow header of a 405, and the template's routes (checked). */
    public static final String ALLOWED_METHODS = "GET, DELETE";

    private final StatusLookup status;
    private final Deletion deletion;
    private final PublicLinks links;
    private final ImageApiLog log;
    /** What {@link #withTelemetry} builds another handler from. */
    private final ImageApiConfig config;
    private final S3Client s3;
    private final Clock clock;

    /** Used by the Lambda runtime: configuration from the environment, credentials from the runtime. */
    public ImageApiHandler() {
        this(ImageApiConfig.fromEnvironment(System.getenv()));
    }

    private ImageApiHandler(ImageApiConfig config) {
        this(config, S3Clients.create(config.store(), S3Clients.lambdaCredentials()));
    }

    /** Used by tests and the local stack, which bring their own S3 client. */
    public ImageApiHandler(ImageApiConfig config, S3Client s3) {
        this(config, s3, Clock.systemUTC());
    }

    /** Used by tests and the local stack that also bring their clock (the time a tombstone records). */
    public ImageApiHandler(ImageApiConfig config, S3Client s3, Clock clock) {
        this(config, s3, clock, Telemetry.lambda(ImageApiMetrics.FUNCTION));
    }

    private ImageApiHandler(ImageApiConfig config, S3Client s3, Clock clock, Telemetry telemetry) {
        this.config = config;
        this.s3 = s3;
        this.clock = clock;
        this.log = new ImageApiLog(telemetry);
        ImageBucket bucket = new ImageBucket(s3, config.store().bucket());
        this.status = new StatusLookup(bucket);
        this.deletion = new Deletion(bucket, new PendingInvalidations(s3, config.store().bucket()), clock);
        this.links = new PublicLinks(config.publicBaseUrl(), config.originSecret());
    }

    /**
     * The same handler writing its log lines to {@code telemetry} instead of JSON on standard output: the local
     * stack's readable lines ({@code Telemetry.readable(ImageApiMetrics.FUNCTION, System.out)}), a test's capture.
     */
    public ImageApiHandler withTelemetry(Telemetry telemetry) {
        return new ImageApiHandler(config, s3, clock, telemetry);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = ApiRequest.of(event);
        ImageApiLog.Ids ids = ImageApiLog.Ids.of(event, context);
        Map<String, String> headers = new HashMap<>();
        try {
            return route(request, ids, headers);
        } catch (ApiException refused) {
            log.refused(ids, request, refused);
            headers.putAll(refused.headers());
            return respond(refused.status(), refused.json(), headers);
        } catch (RuntimeException fault) {
            // S3 failed, or a bug: log it whole for the operator with the request ids, tell the caller nothing.
            log.internalError(ids, request, fault);
            return respond(ErrorCode.INTERNAL_ERROR.status(),
                    ErrorJson.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."), headers);
        }
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request, ImageApiLog.Ids ids, Map<String, String> headers) {
        String path = request.path();
        if (!path.startsWith(ImageRoutes.PREFIX)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "There is nothing at this path. Ask about an image at "
                    + ImageRoutes.PREFIX + "<name>, the name of its link.");
        }
        ImageKey key = ImageKey.parseName(path.substring(ImageRoutes.PREFIX.length()))
                .orElseThrow(ImageApiHandler::noSuchImage);
        switch (request.method()) {
            case "GET" -> {
                ImageStatus found = status.find(key, image -> links.link(image, request))
                        .orElseThrow(ImageApiHandler::noSuchImage);
                log.status(ids, request, found);
                return respond(200, JsonBodies.status(found), headers);
            }
            case "DELETE" -> {
                deletion.delete(key, request.header(DeleteToken.HEADER));
                log.deleted(ids, request);
                return respond(200, JsonBodies.status(new ImageStatus.Deleted()), headers);
            }
            default -> throw ApiException.methodNotAllowed(request.method(), ALLOWED_METHODS);
        }
    }

    static ApiException noSuchImage() {
        return new ApiException(ErrorCode.NOT_FOUND, "There is no image by that name: it was never uploaded, "
                + "or its upload expired before it was sent.");
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, Map<String, String> headers) {
        headers.put("content-type", "application/json; charset=utf-8");
        // "checking" changes within seconds, and the other answers are cheap: never cached, by anyone.
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
