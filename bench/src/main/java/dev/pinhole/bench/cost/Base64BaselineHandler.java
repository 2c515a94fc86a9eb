package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.pinhole.core.ImageTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * THE BASELINE, never shipped: the seed's upload design that Pinhole replaced, rebuilt only to be measured
 * against it. The browser POSTs {@code {"extension":"jpg","data":"<base64 of the image>"}} through API
 * Gateway; this function decodes it and writes it to S3 with the SDK, as the classic Go Lambda did.
 *
 * <p>It gets the fair parts of Pinhole (128 random bits per key, the server's Content-Type table, one S3
 * client per runtime, no needless copy of the image) so that the comparison measures the design, not a
 * careless implementation of it.
 */
public final class Base64BaselineHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final String PATH = "/baseline/uploads";

    private final S3Client s3;
    private final String bucket;
    private final SecureRandom random = new SecureRandom();

    public Base64BaselineHandler(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!PATH.equals(event.getRawPath()) || !"POST".equals(event.getRequestContext().getHttp().getMethod())) {
            return error(404, "not_found", "The baseline has only POST " + PATH + ".");
        }
        JsonObject upload;
        try {
            upload = parse(event);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException malformed) {
            return error(400, "invalid_json", "The body must be {\"extension\":\"jpg\",\"data\":\"<base64>\"}.");
        }
        String extension = ImageTypes.normalise(text(upload, "extension"))
                .filter(ImageTypes.DEFAULT_ALLOWED::contains).orElse(null);
        if (extension == null) {
            return error(415, "unsupported_extension", "Allowed: " + String.join(", ", new TreeSet<>(ImageTypes.DEFAULT_ALLOWED)) + ".");
        }
        byte[] image;
        try {
            image = Base64.getDecoder().decode(text(upload, "data"));
        } catch (IllegalArgumentException notBase64) {
            return error(400, "invalid_data", "data must be the image in base64.");
        }
        if (image.length == 0) {
            return error(400, "invalid_data", "data is empty.");
        }
        String key = "i/" + newId() + "." + extension;
        String contentType = ImageTypes.contentType(extension);
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                            .contentLength((long) image.length).build(),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(image), image.length, contentType));
        } catch (SdkException storageFailed) {
            System.err.println("baseline: S3 refused the upload: " + storageFailed);
            return error(502, "storage_failed", "The image could not be stored.");
        }
        return respond(201, "{\"key\":\"" + key + "\"}");
    }

    private static JsonObject parse(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            throw new IllegalArgumentException("no body");
        }
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return JsonParser.parseString(body).getAsJsonObject();
    }

    /** The field's string value, or "" when it is missing or not a string (then refused by the caller). */
    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : "";
    }

    private String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return respond(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    private static APIGatewayV2HTTPResponse respond(int status, String json) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8"))
                .withBody(json).withIsBase64Encoded(false).build();
    }
}
