package dev.pinhole.tickets;

import com.google.gson.stream.JsonWriter;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageTypes;
import dev.pinhole.core.JsonText;
import dev.pinhole.core.Lifetime;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON of the ticket function's two answers, written with core's {@link JsonText} so that the wire
 * format is visible in one place. Errors are written by core's ErrorJson, the same for every function.
 */
final class JsonBodies {
    private JsonBodies() {
    }

    static String ticket(UploadTicket ticket) {
        return JsonText.write(json -> {
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
            json.name("lifetime").value(LifetimeChoices.label(ticket.upload().lifetime()));
            // Written as null rather than left out, so a client can tell "kept until deleted" from an old server.
            nullable(json.name("removeAfter"), ticket.removeAfter().map(Object::toString).orElse(null));
            // Performed verbatim, like upload; the token is in this answer only, never stored or logged.
            json.name("delete").beginObject();
            json.name("method").value("DELETE");
            json.name("url").value(ticket.statusUrl());
            json.name("headers").beginObject();
            json.name(DeleteToken.HEADER).value(ticket.deleteToken());
            json.endObject();
            json.endObject();
            json.endObject();
        });
    }

    /** JsonText leaves absent values out; this one value is written even when null. */
    private static void nullable(JsonWriter json, String value) throws IOException {
        if (value != null) {
            json.value(value);
            return;
        }
        json.setSerializeNulls(true);
        json.nullValue();
        json.setSerializeNulls(false);
    }

    static String limits(TicketConfig config) {
        TreeSet<String> extensions = new TreeSet<>(config.allowedExtensions());
        return JsonText.write(json -> {
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
            // The page offers forever apart from the lifetimes, so the list leaves it out.
            json.name("lifetimes").beginArray();
            for (Lifetime lifetime : config.lifetimes().lifetimes()) {
                json.value(lifetime.label());
            }
            json.endArray();
            json.name("defaultLifetime").value(LifetimeChoices.label(config.lifetimes().defaultLifetime()));
            json.name("foreverAllowed").value(config.lifetimes().foreverAllowed());
            json.endObject();
        });
    }
}
