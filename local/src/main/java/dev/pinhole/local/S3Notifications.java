package dev.pinhole.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event S3 sends when an object is created, as JSON exactly in the shape S3 documents (event version 2.1),
 * and turned into an {@link S3Event} by the Lambda runtime's own deserialisation, so the publisher sees in the
 * local stack what it sees on Lambda: URL-encoded keys, joda-time dates, every field where S3 puts it.
 */
final class S3Notifications {
    private static final PojoSerializer<S3Event> RUNTIME =
            LambdaEventSerializers.serializerFor(S3Event.class, S3Notifications.class.getClassLoader());
    /** S3's sequencer orders events of one key; a counter does that here. */
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private S3Notifications() {
    }

    static String objectCreated(String region, String bucket, String key, long size, String eTag, Instant at,
                                String configurationId) {
        StringWriter text = new StringWriter(1024);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject().name("Records").beginArray().beginObject();
            json.name("eventVersion").value("2.1");
            json.name("eventSource").value("aws:s3");
            json.name("awsRegion").value(region);
            json.name("eventTime").value(at.toString());
            json.name("eventName").value("ObjectCreated:Put");
            json.name("userIdentity").beginObject().name("principalId").value("local").endObject();
            json.name("requestParameters").beginObject().name("sourceIPAddress").value("127.0.0.1").endObject();
            json.name("responseElements").beginObject()
                    .name("x-amz-request-id").value(UUID.randomUUID().toString())
                    .name("x-amz-id-2").value("local").endObject();
            json.name("s3").beginObject();
            json.name("s3SchemaVersion").value("1.0");
            json.name("configurationId").value(configurationId);
            json.name("bucket").beginObject()
                    .name("name").value(bucket)
                    .name("ownerIdentity").beginObject().name("principalId").value("local").endObject()
                    .name("arn").value("arn:aws:s3:::" + bucket).endObject();
            json.name("object").beginObject()
                    // S3 URL-encodes keys in events, '/' included only where it must; spaces become '+'.
                    .name("key").value(URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                    .name("size").value(size)
                    .name("eTag").value(eTag.replace("\"", ""))
                    .name("sequencer").value(HexFormat.of().withUpperCase().toHexDigits(SEQUENCE.incrementAndGet()))
                    .endObject();
            json.endObject();
            json.endObject().endArray().endObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    /** What the Lambda runtime hands the handler for this JSON. */
    static S3Event parse(String json) {
        return RUNTIME.fromJson(json);
    }
}
