package dev.pinhole.images.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.ImageKey;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublishLimits;
import dev.pinhole.images.store.StoreConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The status route against a real S3 (S3Proxy), with API Gateway v2 events as API Gateway sends them. */
class ImageApiHandlerTest {
    static final String SITE = "https://img.example.test";
    static final String SECRET = "OriginSecretOriginSecretOriginSecret12";
    static TestBucket bucket;
    static ImageApiHandler api;
    static PublishHandler publisher;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
        api = new ImageApiHandler(config(Optional.of(URI.create(SITE)), Optional.empty()), bucket.client());
        publisher = new PublishHandler(bucket.client(), TestBucket.NAME,
                extension -> Optional.of(new TinyFormat()), PublishLimits.DEFAULT, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    static ImageApiConfig config(Optional<URI> base, Optional<String> secret) {
        return new ImageApiConfig(new StoreConfig(TestBucket.NAME, "us-east-1", Optional.empty(), true), base, secret);
    }

    static APIGatewayV2HTTPResponse status(ImageApiHandler handler, ImageKey key) {
        return handler.handleRequest(Events.http("get-image-status.json", "/api/images/" + key.name()), null);
    }

    static JsonObject json(APIGatewayV2HTTPResponse response) {
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        assertEquals("no-store", response.getHeaders().get("cache-control"));
        return JsonParser.parseString(response.getBody()).getAsJsonObject();
    }

    static void publish(ImageKey key, byte[] bytes) {
        bucket.put(key.uploadKey(), bytes);
        publisher.publishAll(Events.s3("s3-object-created-put.json", key.uploadKey()));
    }

    @Test
    void uploadNotYetPublished_isChecking() {
        // Given an upload the publisher has not handled yet
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(3, 3, false));

        // When its status is asked for
        APIGatewayV2HTTPResponse response = status(api, key);

        // Then it is being checked
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"state\":\"checking\"}", response.getBody());
    }

    @Test
    void publishedImage_givesItsLinkAndWhatWasRemoved() {
        ImageKey key = ImageKey.mint("png");
        publish(key, TinyFormat.image(3, 3, true));

        JsonObject body = json(status(api, key));

        assertEquals("published", body.get("state").getAsString());
        assertEquals(SITE + "/i/" + key.name(), body.get("url").getAsString());
        assertEquals("[\"location\"]", body.get("removed").toString());
    }

    @Test
    void publishedImageWithNothingRemoved_listsNothing() {
        ImageKey key = ImageKey.mint("png");
        publish(key, TinyFormat.image(3, 3, false));

        assertEquals("[]", json(status(api, key)).get("removed").toString());
    }

    @Test
    void refusedUpload_givesTheReasonInWords() {
        ImageKey key = ImageKey.mint("png");
        publish(key, "GIF89a, not a tiny image".getBytes(StandardCharsets.US_ASCII));

        JsonObject body = json(status(api, key));

        assertEquals("refused", body.get("state").getAsString());
        JsonObject reason = body.getAsJsonObject("reason");
        assertEquals("not_an_image", reason.get("code").getAsString());
        assertEquals("The file is not an image of any type Pinhole serves.", reason.get("message").getAsString());
    }

    @Test
    void unknownName_is404NotFound() {
        APIGatewayV2HTTPResponse response = status(api, ImageKey.mint("png"));

        assertEquals(404, response.getStatusCode());
        assertEquals("not_found", json(response).getAsJsonObject("error").get("code").getAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/images/", "/api/images/abc.png", "/api/images/q3Lr0w9xT0m5QmJ7cV2b1A.PNG",
            "/api/images/q3Lr0w9xT0m5QmJ7cV2b1A.png/", "/api/images/../uploads", "/api/images/q3Lr0w9xT0m5QmJ7cV2b1A",
            "/api/images/%2e%2e%2fq3Lr0w9xT0m5QmJ7cV2b1A.png", "/api/images/q3Lr0w9xT0m5QmJ7cV2b1A.png%00",
            "/api/images/u/q3Lr0w9xT0m5QmJ7cV2b1A.png", "/api/imagesq3Lr0w9xT0m5QmJ7cV2b1A.png", "/api/other", ""})
    void malformedPath_is404Json_withoutTouchingS3(String path) {
        ImageApiHandler noS3 = new ImageApiHandler(config(Optional.of(URI.create(SITE)), Optional.empty()),
                mock(S3Client.class, invocation -> {
                    throw new AssertionError("S3 must not be asked about " + path);
                }));

        for (String fixture : List.of("get-image-status.json", "delete-image.json")) {
            APIGatewayV2HTTPResponse response = noS3.handleRequest(Events.http(fixture, path), null);

            assertEquals(404, response.getStatusCode(), fixture + " " + path);
            assertEquals("not_found", json(response).getAsJsonObject("error").get("code").getAsString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "POST", "PATCH", "HEAD", "OPTIONS", "get", ""})
    void otherMethod_is405WithAllow(String method) {
        APIGatewayV2HTTPEvent event = Events.http("delete-image.json", "/api/images/" + ImageKey.mint("png").name());
        event.getRequestContext().getHttp().setMethod(method);

        APIGatewayV2HTTPResponse response = api.handleRequest(event, null);

        assertEquals(405, response.getStatusCode());
        assertEquals("GET, DELETE", response.getHeaders().get("allow"));
        assertEquals("method_not_allowed", json(response).getAsJsonObject("error").get("code").getAsString());
    }

    @Test
    void eventWithNothingInIt_is404Json() {
        APIGatewayV2HTTPResponse response = api.handleRequest(new APIGatewayV2HTTPEvent(), null);

        assertEquals(404, response.getStatusCode());
        assertEquals(404, api.handleRequest(null, null).getStatusCode());
    }

    @Test
    void behindCloudFront_theLinkTakesTheViewersHost_onlyWithTheOriginSecret() {
        ImageKey key = ImageKey.mint("png");
        publish(key, TinyFormat.image(2, 2, false));
        ImageApiHandler behindCloudFront = new ImageApiHandler(config(Optional.empty(), Optional.of(SECRET)),
                bucket.client());
        String path = "/api/images/" + key.name();

        JsonObject viaCloudFront = json(behindCloudFront.handleRequest(
                Events.http("get-image-status-via-cloudfront.json", path), null));
        APIGatewayV2HTTPResponse direct = behindCloudFront.handleRequest(Events.http("get-image-status.json", path),
                null);

        assertEquals("https://d111111abcdef8.cloudfront.net/i/" + key.name(), viaCloudFront.get("url").getAsString());
        assertEquals(403, direct.getStatusCode());
        assertEquals("use_the_site", json(direct).getAsJsonObject("error").get("code").getAsString());
    }

    @Test
    void headOfAMissingKeyAnswered403_withoutListBucket_countsAsNotThere() {
        // Given S3 as it answers a role without s3:ListBucket: 403 for every key that does not exist
        S3Client noListBucket = mock(S3Client.class, invocation -> {
            throw S3Exception.builder().statusCode(403).message("Forbidden").build();
        });
        ImageApiHandler handler = new ImageApiHandler(config(Optional.of(URI.create(SITE)), Optional.empty()),
                noListBucket);

        // When the status of a name is asked for, it is "not found", not an error
        APIGatewayV2HTTPResponse response = status(handler, ImageKey.mint("png"));

        assertEquals(404, response.getStatusCode());
    }

    @Test
    void s3Failing_is500Json_withNothingInternalInIt() {
        S3Client down = mock(S3Client.class);
        when(down.headObject(any(HeadObjectRequest.class)))
                .thenThrow(S3Exception.builder().statusCode(503).message("SlowDown at 10.0.0.1").build());
        ImageApiHandler handler = new ImageApiHandler(config(Optional.of(URI.create(SITE)), Optional.empty()), down);

        APIGatewayV2HTTPResponse response = status(handler, ImageKey.mint("png"));

        assertEquals(500, response.getStatusCode());
        assertEquals(Map.of("error", Map.of("code", "internal_error", "message", "Something went wrong on our side.")),
                new com.google.gson.Gson().fromJson(response.getBody(), Map.class));
        assertFalse(response.getBody().contains("10.0.0.1"));
        assertTrue(response.getHeaders().containsKey("x-content-type-options"));
    }
}
