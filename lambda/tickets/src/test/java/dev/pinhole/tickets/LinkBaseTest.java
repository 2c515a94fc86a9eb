package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.ConfigurationException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class LinkBaseTest {
    private static final String SECRET = "s3cr3t-0123456789abcdef0123456789abcdef";

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("POST", TicketHandler.UPLOADS, headers, null, false);
    }

    private static Map<String, String> throughCloudFront(String host) {
        return Map.of(LinkBase.ORIGIN_SECRET_HEADER, SECRET, LinkBase.VIEWER_HOST_HEADER, host);
    }

    @Nested
    class WithFixedBaseUrl {
        private final LinkBase links = new LinkBase(Optional.of(URI.create("https://img.example.com")),
                Optional.of(SECRET));

        @Test
        void forRequest_usesFixedBaseAndIgnoresViewerHost() {
            // Given a custom domain and a request claiming another host
            // When / Then the custom domain wins
            assertEquals(URI.create("https://img.example.com"),
                    links.forRequest(request(throughCloudFront("d111.cloudfront.net"))));
        }

        @Test
        void forRequest_needsNoSecretWhenBaseIsFixed() {
            LinkBase fixedOnly = new LinkBase(Optional.of(URI.create("http://127.0.0.1:8080")), Optional.empty());
            assertEquals(URI.create("http://127.0.0.1:8080"), fixedOnly.forRequest(request(Map.of())));
        }
    }

    @Nested
    class WithoutFixedBaseUrl {
        private final LinkBase links = new LinkBase(Optional.empty(), Optional.of(SECRET));

        @Test
        void forRequest_trustsViewerHostThatCameWithTheSecret() {
            assertEquals(URI.create("https://d111.cloudfront.net"),
                    links.forRequest(request(throughCloudFront("d111.cloudfront.net"))));
        }

        @Test
        void forRequest_lowerCasesTheHost() {
            assertEquals(URI.create("https://d111.cloudfront.net"),
                    links.forRequest(request(throughCloudFront("D111.CloudFront.NET"))));
        }

        @Test
        void forRequest_refusesDirectCallWithoutSecret() {
            ApiException refused = assertThrows(ApiException.class, () -> links.forRequest(
                    request(Map.of(LinkBase.VIEWER_HOST_HEADER, "evil.example.com"))));
            assertEquals(403, refused.status());
            assertEquals("use_the_site", refused.code());
        }

        @Test
        void forRequest_refusesWrongSecret() {
            ApiException refused = assertThrows(ApiException.class, () -> links.forRequest(request(Map.of(
                    LinkBase.ORIGIN_SECRET_HEADER, SECRET + "x", LinkBase.VIEWER_HOST_HEADER, "evil.example.com"))));
            assertEquals(403, refused.status());
        }

        @Test
        void forRequest_refusesMissingViewerHost() {
            ApiException refused = assertThrows(ApiException.class, () -> links.forRequest(
                    request(Map.of(LinkBase.ORIGIN_SECRET_HEADER, SECRET))));
            assertEquals(400, refused.status());
            assertEquals("bad_viewer_host", refused.code());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "evil.example.com/path", "evil.example.com:8443", "user@evil.example.com",
                "evil.example.com\r\nx: y", "-evil.example.com", "evil..example.com", "exa mple.com"})
        void forRequest_refusesHostThatIsNotAPlainDnsName(String host) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> links.forRequest(request(throughCloudFront(host))));
            assertEquals(400, refused.status());
        }
    }

    @Test
    void constructor_refusesNeitherBaseNorSecret() {
        assertThrows(ConfigurationException.class, () -> new LinkBase(Optional.empty(), Optional.empty()));
    }

    @Nested
    class Configuration {
        private final Map<String, String> env = new HashMap<>(Map.of(
                TicketConfig.BUCKET, "images", TicketConfig.REGION, "eu-west-1"));

        @Test
        void fromEnvironment_acceptsOriginSecretInsteadOfPublicBaseUrl() {
            env.put(TicketConfig.ORIGIN_SECRET, SECRET);
            TicketConfig config = TicketConfig.fromEnvironment(env);
            assertEquals(Optional.empty(), config.publicBaseUrl());
            assertEquals(Optional.of(SECRET), config.originSecret());
        }

        @Test
        void fromEnvironment_namesBothVariablesWhenNeitherIsSet() {
            ConfigurationException missing = assertThrows(ConfigurationException.class,
                    () -> TicketConfig.fromEnvironment(env));
            assertTrue(missing.getMessage().contains(TicketConfig.PUBLIC_BASE_URL), missing.getMessage());
            assertTrue(missing.getMessage().contains(TicketConfig.ORIGIN_SECRET), missing.getMessage());
        }
    }

    /** The whole handler, with the real signer and dummy credentials: presigning needs no network. */
    @Nested
    class ThroughTheHandler {
        private final TicketHandler handler;

        ThroughTheHandler() {
            TicketConfig config = TicketConfig.fromEnvironment(Map.of(TicketConfig.BUCKET, "images",
                    TicketConfig.REGION, "eu-west-1", TicketConfig.ORIGIN_SECRET, SECRET));
            handler = new TicketHandler(config,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        }

        private APIGatewayV2HTTPResponse post(Map<String, String> headers) {
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withRawPath(TicketHandler.UPLOADS)
                    .withHeaders(headers)
                    .withBody("{\"extension\":\"png\",\"size\":1234}")
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                            .build())
                    .build();
            return handler.handleRequest(event, null);
        }

        @Test
        void ticket_linkIsOnTheViewersCloudFrontHost() {
            APIGatewayV2HTTPResponse response = post(throughCloudFront("d111.cloudfront.net"));
            assertEquals(201, response.getStatusCode(), response.getBody());
            JsonObject body = JsonParser.parseString(response.getBody()).getAsJsonObject();
            assertTrue(body.get("url").getAsString().startsWith("https://d111.cloudfront.net/i/"), response.getBody());
        }

        @Test
        void ticket_directCallIsAClearClientErrorNotA5xx() {
            APIGatewayV2HTTPResponse response = post(Map.of("content-type", "application/json"));
            assertEquals(403, response.getStatusCode());
            assertTrue(response.getBody().contains("use_the_site"), response.getBody());
        }
    }
}
