package dev.pinhole.tickets;

import com.google.gson.stream.JsonWriter;
import dev.pinhole.core.ImageTypes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON the API answers with, written field by field with Gson's streaming writer: no reflection, no
 * intermediate tree and no Gson instance (whose creation loads a hundred adapter classes at cold start),
 * and the wire format visible in one place.
 */
final class JsonBodies {
    private JsonBodies() {
    }

    static String ticket(UploadTicket ticket) {
        return write(json -> {
            json.beginObject();
            // The key of the published image: the upload's own key is an implementation detail of the PUT.
            json.name("key").value(ticket.key().publicKey());
            json.name("url").value(ticket.publicUrl());
            json.name("contentType").value(ticket.upload().contentType());
            json.name("size").value(ticket.upload().size());
            json.name("upload").beginObject();
            json.name("method").value("PUT");
            json.name("url").value(ticket.put().url());
            json.name("headers").beginObject();
            for (Map.Entry<String, String> header : ticket.put().headers().entrySet()) {
                json.name(header.getKey()).value(header.getValue());
            }
            json.endObject();
            json.endObject();
            json.name("expiresAt").value(ticket.put().expiresAt().toString());
            // Performed verbatim, like upload: answers checking, published (the link serves) or refused (why).
            json.name("status").beginObject();
            json.name("method").value("GET");
            json.name("url").value(ticket.statusUrl());
            json.endObject();
            json.endObject();
        });
    }

    static String limits(TicketConfig config) {
        TreeSet<String> extensions = new TreeSet<>(config.allowedExtensions());
        return write(json -> {
            json.beginObject();
            json.name("allowedExtensions").beginArray();
            for (String extension : extensions) {
                json.value(extension);
            }
            json.endArray();
            json.name("contentTypes").beginObject();
            for (String extension : extensions) {
                json.name(extension).value(ImageTypes.contentType(extension));
            }
            json.endObject();
            json.name("maxBytes").value(config.maxUploadBytes());
            json.name("urlLifetimeSeconds").value(config.urlLifetime().toSeconds());
            json.name("tokenRequired").value(config.uploadToken().isPresent());
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
