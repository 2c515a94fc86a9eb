package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinhole.core.ConfigurationException;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidationConfigTest {
    static final Map<String, String> MINIMAL = Map.of("PINHOLE_BUCKET", "b", "AWS_REGION", "eu-west-1",
            InvalidationConfig.DISTRIBUTION_ID, "E2QWRUHAPOMQZL");

    @Test
    void defaults_talkToCloudFrontsGlobalEndpoint() {
        InvalidationConfig config = InvalidationConfig.fromEnvironment(MINIMAL);

        assertEquals("E2QWRUHAPOMQZL", config.distributionId());
        assertEquals(URI.create("https://cloudfront.amazonaws.com"), config.cloudFrontEndpoint());
        assertEquals("b", config.store().bucket());
    }

    @Test
    void everyVariable_isRead() {
        Map<String, String> variables = new HashMap<>(MINIMAL);
        variables.put(InvalidationConfig.CLOUDFRONT_ENDPOINT, "http://127.0.0.1:9100/");
        variables.put("PINHOLE_S3_ENDPOINT", "http://127.0.0.1:9000");
        variables.put("PINHOLE_S3_PATH_STYLE", "true");

        InvalidationConfig config = InvalidationConfig.fromEnvironment(variables);

        assertEquals(URI.create("http://127.0.0.1:9100"), config.cloudFrontEndpoint());
        assertEquals(true, config.store().pathStyleAccess());
        assertEquals(variables.keySet(), new HashSet<>(InvalidationConfig.VARIABLES));
    }

    @Test
    void missingDistribution_isNamed() {
        assertEquals("PINHOLE_DISTRIBUTION_ID is not set", assertThrows(ConfigurationException.class,
                () -> InvalidationConfig.fromEnvironment(Map.of("PINHOLE_BUCKET", "b", "AWS_REGION", "x")))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"e2qwruhapomqzl", "E2QW/../x", "E2QW RUH", "arn:aws:cloudfront::1:distribution/E2"})
    void distributionIdThatIsNoCloudFrontId_isRefused(String id) {
        Map<String, String> variables = new HashMap<>(MINIMAL);
        variables.put(InvalidationConfig.DISTRIBUTION_ID, id);

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> InvalidationConfig.fromEnvironment(variables));

        assertEquals(true, refused.getMessage().startsWith("PINHOLE_DISTRIBUTION_ID must be"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudfront.amazonaws.com", "ftp://x", "http://127.0.0.1:9100/2020-05-31", "http://u@h"})
    void endpointThatIsNoBareHttpUrl_isRefused(String endpoint) {
        Map<String, String> variables = new HashMap<>(MINIMAL);
        variables.put(InvalidationConfig.CLOUDFRONT_ENDPOINT, endpoint);

        assertThrows(ConfigurationException.class, () -> InvalidationConfig.fromEnvironment(variables));
    }
}
