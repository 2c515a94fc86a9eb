package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge refuses what API Gateway (10 MB) and Lambda (6 MB per invocation) would, before the function runs. */
class ApiGatewayBridgeLimitsTest {
    private static final int MB = 1024 * 1024;

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void jsonBodyJustUnderLambdasLimit_reachesTheFunction() throws Exception {
        URI api = serve(answering("{}"));

        HttpResponse<String> response = post(api, "application/json", jsonOf(6 * MB - 16 * 1024));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, calls.get());
    }

    @Test
    void jsonBodyOverLambdasLimit_butUnderApiGateways_isRefusedWith413_beforeTheFunction() throws Exception {
        URI api = serve(answering("{}"));

        HttpResponse<String> response = post(api, "application/json", jsonOf(7 * MB));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"body_too_large\"") && response.body().contains("6 MB"),
                response.body());
        assertEquals(0, calls.get());
    }

    @Test
    void binaryBody_countsAsTheBase64TheEventCarries() throws Exception {
        URI api = serve(answering("{}"));

        // 4.6 MiB of bytes is 6.1 MiB of base64 in the event: under API Gateway's limit, over Lambda's.
        HttpResponse<String> response = post(api, "application/octet-stream", new byte[4 * MB + 600 * 1024]);

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("6 MB"), response.body());
        assertEquals(0, calls.get());
    }

    @Test
    void bodyOverApiGatewaysLimit_isRefusedWith413_beforeTheFunction() throws Exception {
        URI api = serve(answering("{}"));

        HttpResponse<String> response = post(api, "application/json", jsonOf(10 * MB + 1));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("10 MB"), response.body());
        assertEquals(0, calls.get());
    }

    @Test
    void bodyFarOverApiGatewaysLimit_stillGetsItsRefusal_notAResetConnection() throws Exception {
        URI api = serve(answering("{}"));

        HttpResponse<String> response = post(api, "application/json", jsonOf(22 * MB));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("10 MB"), response.body());
    }

    @Test
    void answerOverLambdasLimit_becomesAnInternalError_asApiGatewayReportsIt() throws Exception {
        char[] big = new char[6 * MB + 1];
        Arrays.fill(big, 'a');
        URI api = serve(answering(new String(big)));

        HttpResponse<String> response = post(api, "application/json", jsonOf(10));

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"internal_error\""), response.body());
        assertEquals(1, calls.get());
    }

    @Test
    void payloadSize_countsUtf8Bytes_notCharacters() {
        APIGatewayV2HTTPEvent ascii = APIGatewayV2HTTPEvent.builder().withBody("a".repeat(1000)).build();
        APIGatewayV2HTTPEvent accented = APIGatewayV2HTTPEvent.builder().withBody("\u00e9".repeat(1000)).build();

        assertEquals(1000, InvocationPayload.jsonBytes(accented) - InvocationPayload.jsonBytes(ascii));
    }

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answering(String body) {
        return (event, context) -> {
            calls.incrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
        };
    }

    private URI serve(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", new ApiGatewayBridge(handler));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/anything");
    }

    /** A JSON document of exactly {@code bytes} bytes. */
    private static byte[] jsonOf(int bytes) {
        byte[] json = new byte[bytes];
        Arrays.fill(json, (byte) 'a');
        json[0] = '"';
        json[bytes - 1] = '"';
        return json;
    }

    private static HttpResponse<String> post(URI uri, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
