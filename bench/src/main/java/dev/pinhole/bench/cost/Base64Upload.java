package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The baseline's client: the image as base64 inside JSON, one POST through API Gateway to the function. */
final class Base64Upload implements UploadDesign {
    static final String LABEL = "base64 baseline";
    private static final byte[] PREFIX = "{\"extension\":\"jpg\",\"data\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http;
    private final URI endpoint;
    private final Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final S3Calls functionS3;

    Base64Upload(HttpClient http, URI api, Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                 S3Calls functionS3) {
        this.http = http;
        this.endpoint = api.resolve(Base64BaselineHandler.PATH);
        this.function = function;
        this.functionS3 = functionS3;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public Attempt upload(byte[] image) throws IOException, InterruptedException {
        long start = System.nanoTime();
        byte[] body = json(image);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(endpoint)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long endToEnd = System.nanoTime() - start;
        int status = answer.statusCode();
        if (status != 201 && status != 413) {
            throw new IllegalStateException("the baseline answered " + status + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        // The baseline's link works once the function has stored the image: live at its answer.
        return new Attempt(status == 201, endToEnd, endToEnd, body.length, answer.body().length, function.takeCalls(),
                functionS3.take(0));
    }

    /** What a browser sends after reading the file as base64 (FileReader's data URL, less its prefix). */
    static byte[] json(byte[] image) {
        byte[] data = Base64.getEncoder().encode(image);
        byte[] json = new byte[PREFIX.length + data.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, json, 0, PREFIX.length);
        System.arraycopy(data, 0, json, PREFIX.length, data.length);
        System.arraycopy(SUFFIX, 0, json, PREFIX.length + data.length, SUFFIX.length);
        return json;
    }
}
