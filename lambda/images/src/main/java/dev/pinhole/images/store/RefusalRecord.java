package dev.pinhole.images.store;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Why an upload was not published, as stored under {@code r/<id>.<ext>.json} for the image API to answer:
 * {@code {"code":"truncated","message":"...","refusedAt":"..."}}. The refusal's detail (which chunk, which
 * offset) goes to the log only: it helps an operator, and tells an uploader nothing the message does not.
 *
 * <p>A deleted image leaves the same record with the code {@value #DELETED} (its tombstone): the publisher never
 * publishes a name that has a record, so a deleted image cannot come back through a replayed ticket, and the image
 * API tells "deleted" (410) from "never there" (404) without a database.
 */
public record RefusalRecord(String code, String message, Instant refusedAt) {
    /** Far more than any record written here: a larger object under r/ was not written by Pinhole. */
    public static final int MAX_BYTES = 4096;
    /** The code of a tombstone; no refusal reason has it. */
    public static final String DELETED = "deleted";
    /** What a record that cannot be read stands for; only a record not written by Pinhole is unreadable. */
    public static final RefusalRecord UNREADABLE = new RefusalRecord("refused", "The image was not published.",
            Instant.EPOCH);

    /** The record a delete leaves under the image's name. */
    public static RefusalRecord tombstone(Instant deletedAt) {
        return new RefusalRecord(DELETED, "This image was deleted.", deletedAt);
    }

    public boolean isTombstone() {
        return DELETED.equals(code);
    }

    public byte[] toJson() {
        StringWriter text = new StringWriter(256);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("code").value(code);
            json.name("message").value(message);
            json.name("refusedAt").value(refusedAt.toString());
            json.endObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record, or empty when the bytes are not one (then the image API answers with a generic reason). */
    public static Optional<RefusalRecord> parse(byte[] bytes) {
        String code = null;
        String message = null;
        Instant refusedAt = Instant.EPOCH;
        try (JsonReader json = new JsonReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (json.peek() != JsonToken.STRING) {
                    json.skipValue();
                    continue;
                }
                switch (name) {
                    case "code" -> code = json.nextString();
                    case "message" -> message = json.nextString();
                    case "refusedAt" -> refusedAt = Instant.parse(json.nextString());
                    default -> json.skipValue();
                }
            }
            json.endObject();
        } catch (IOException | RuntimeException notARecord) {
            return Optional.empty();
        }
        return code == null || message == null ? Optional.empty()
                : Optional.of(new RefusalRecord(code, message, refusedAt));
    }
}
