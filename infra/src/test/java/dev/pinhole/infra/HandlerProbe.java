package dev.pinhole.infra;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real ticket handler with the real S3 presigner and dummy static credentials: presigning is local
 * computation, so the template can be checked against what the code actually does, with no AWS and no mock.
 */
final class HandlerProbe {
    private final TicketHandler handler;

    HandlerProbe() {
        TicketConfig config = TicketConfig.fromEnvironment(Map.of(
                TicketConfig.BUCKET, "probe-images",
                TicketConfig.REGION, "eu-west-1",
                TicketConfig.PUBLIC_BASE_URL, "https://probe.example.com"));
        handler = new TicketHandler(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROBE", "probe-secret")));
    }

    APIGatewayV2HTTPResponse call(String method, String path, String body) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .build())
                .build();
        return handle(event);
    }

    /** The handler's answer to an event exactly as given, e.g. one a schedule sends. */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    /** True when the handler serves this method on this path (anything but "no such path" or "wrong method"). */
    boolean serves(String method, String path) {
        int status = call(method, path, "{}").getStatusCode();
        return status != 404 && status != 405;
    }

    /**
     * The request headers a browser must send with a ticket's PUT, lower-cased: exactly what S3's CORS rule
     * has to allow in a preflight. Asks for a checksum, and for a lifetime when the limits offer one, so that the
     * optional headers are included.
     */
    Set<String> uploadHeaders() {
        String sha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        JsonObject limits = JsonParser.parseString(call("GET", TicketHandler.LIMITS, null).getBody()).getAsJsonObject();
        JsonArray lifetimes = limits.has("lifetimes") ? limits.getAsJsonArray("lifetimes") : new JsonArray();
        String lifetime = lifetimes.isEmpty() ? "" : ",\"lifetime\":\"" + lifetimes.get(0).getAsString() + "\"";
        APIGatewayV2HTTPResponse response = call("POST", TicketHandler.UPLOADS,
                "{\"extension\":\"png\",\"size\":1024,\"sha256\":\"" + sha256 + "\"" + lifetime + "}");
        if (response.getStatusCode() != 201) {
            throw new IllegalStateException("probe ticket refused: " + response.getBody());
        }
        JsonObject headers = JsonParser.parseString(response.getBody()).getAsJsonObject()
                .getAsJsonObject("upload").getAsJsonObject("headers");
        Set<String> names = new TreeSet<>();
        headers.keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        return names;
    }
}
