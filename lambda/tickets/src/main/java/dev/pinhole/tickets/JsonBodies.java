package dev.pinhole.tickets;

import dev.pinhole.core.ImageTypes;
import dev.pinhole.core.JsonText;
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
            json.endObject();
        });
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
            json.endObject();
        });
    }
}
