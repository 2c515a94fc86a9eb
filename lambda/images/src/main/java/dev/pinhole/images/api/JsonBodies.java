package dev.pinhole.images.api;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The image API's JSON, written field by field with Gson's streaming writer: the wire format in one place. */
final class JsonBodies {
    private JsonBodies() {
    }

    static String status(ImageStatus status) {
        return write(json -> {
            json.beginObject();
            if (status instanceof ImageStatus.Checking) {
                json.name("state").value("checking");
            } else if (status instanceof ImageStatus.Published published) {
                json.name("state").value("published");
                json.name("url").value(published.url());
                json.name("removed").beginArray();
                for (String kind : published.removed()) {
                    json.value(kind);
                }
                json.endArray();
            } else if (status instanceof ImageStatus.Refused refused) {
                json.name("state").value("refused");
                json.name("reason").beginObject();
                json.name("code").value(refused.reason().code());
                json.name("message").value(refused.reason().message());
                json.endObject();
            }
            json.endObject();
        });
    }

    static String error(String code, String message) {
        return write(json -> {
            json.beginObject();
            json.name("error").beginObject();
            json.name("code").value(code);
            json.name("message").value(message);
            json.endObject();
            json.endObject();
        });
    }

    private interface Body {
        void writeTo(JsonWriter json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter text = new StringWriter(256);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            body.writeTo(json);
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to a StringWriter failed", impossible);
        }
        return text.toString();
    }
}
