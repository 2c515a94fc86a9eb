package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.images.format.InspectionLimits;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherConfigTest {
    static final Map<String, String> MINIMAL = Map.of("PINHOLE_BUCKET", "b", "AWS_REGION", "eu-west-1");

    @Test
    void defaults_areTheDocumentedLimits() {
        PublisherConfig config = PublisherConfig.fromEnvironment(MINIMAL);

        assertEquals(20L * 1024 * 1024, config.limits().maxBytes());
        assertEquals(InspectionLimits.DEFAULT, config.limits().inspection());
        assertEquals(false, config.limits().metadata().keepCopyright());
        assertEquals("b", config.store().bucket());
        assertEquals(true, config.tagObjects(), "S3's lifecycle rules need the lifetime tag");
    }

    @Test
    void everyVariable_isRead() {
        Map<String, String> variables = new HashMap<>(MINIMAL);
        variables.put(PublisherConfig.MAX_UPLOAD_BYTES, "1000");
        variables.put(PublisherConfig.MAX_PIXELS, "2000");
        variables.put(PublisherConfig.MAX_FRAMES, "3");
        variables.put(PublisherConfig.MAX_PARTS, "40");
        variables.put(PublisherConfig.KEEP_COPYRIGHT, "true");
        variables.put("PINHOLE_S3_ENDPOINT", "http://127.0.0.1:9000");
        variables.put("PINHOLE_S3_PATH_STYLE", "true");
        variables.put(PublisherConfig.S3_OBJECT_TAGGING, "false");

        PublisherConfig config = PublisherConfig.fromEnvironment(variables);

        assertEquals(new PublishLimits(1000, new InspectionLimits(2000, 3, 40),
                new dev.pinhole.images.format.MetadataPolicy(true)), config.limits());
        assertEquals("http://127.0.0.1:9000", config.store().s3Endpoint().orElseThrow().toString());
        assertEquals(true, config.store().pathStyleAccess());
        assertEquals(false, config.tagObjects());
        assertEquals(variables.keySet(), new java.util.HashSet<>(PublisherConfig.VARIABLES));
    }

    @Test
    void missingOrInvalidVariables_areNamed() {
        assertEquals("PINHOLE_BUCKET is not set", assertThrows(ConfigurationException.class,
                () -> PublisherConfig.fromEnvironment(Map.of("AWS_REGION", "x"))).getMessage());
        Map<String, String> variables = new HashMap<>(MINIMAL);
        variables.put(PublisherConfig.MAX_PIXELS, "lots");
        assertEquals("PINHOLE_MAX_PIXELS must be a whole number from 1 to 1099511627776, not 'lots'",
                assertThrows(ConfigurationException.class, () -> PublisherConfig.fromEnvironment(variables))
                        .getMessage());
    }
}
