package dev.pinhole.images;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Event fixtures (src/test/resources/events), deserialised by the Lambda runtime's own serialisation. */
public final class Events {
    private Events() {
    }

    public static String text(String fixture) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An S3 notification fixture with its object key replaced (fixtures name {@code u/FIXTUREKEY}). */
    public static S3Event s3(String fixture, String urlEncodedKey) {
        return s3Json(text(fixture).replace("u/q3Lr0w9xT0m5QmJ7cV2b1A.png", urlEncodedKey));
    }

    public static S3Event s3Json(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, Events.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    public static APIGatewayV2HTTPEvent http(String fixture, String path) {
        String json = text(fixture).replace("/api/images/q3Lr0w9xT0m5QmJ7cV2b1A.png", path);
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Events.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
