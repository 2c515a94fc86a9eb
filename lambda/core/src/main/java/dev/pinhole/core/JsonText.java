package dev.pinhole.core;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON answers written field by field with Gson's streaming writer: no reflection, no intermediate tree
 * and no Gson instance (whose creation loads a hundred adapter classes at cold start). The writer escapes
 * quotes, backslashes, control characters and U+2028/U+2029, so any text may go into a value.
 */
public final class JsonText {
    private JsonText() {
    }

    /** What goes into one document. */
    public interface Body {
        void writeTo(JsonWriter json) throws IOException;
    }

    public static String write(Body body) {
        StringWriter text = new StringWriter(1024);
        try (JsonWriter json = new JsonWriter(text)) {
            // HTML escaping would turn every '&' in a presigned URL into \u0026; absent values are left out.
            json.setHtmlSafe(false);
            json.setSerializeNulls(false);
            body.writeTo(json);
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to a StringWriter failed", impossible);
        }
        return text.toString();
    }
}
