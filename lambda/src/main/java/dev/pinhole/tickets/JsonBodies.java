package dev.pinhole.tickets;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.TreeSet;

/**
 * The JSON the API answers with. Trees are built by hand instead of by reflection, which keeps the
 * per-request cost flat and the wire format visible in one place.
 */
final class JsonBodies {
    // HTML escaping would turn every '&' in a presigned URL into \u0026.
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private JsonBodies() {
    }

    static String ticket(UploadTicket ticket) {
        JsonObject headers = new JsonObject();
        ticket.put().headers().forEach(headers::addProperty);
        JsonObject upload = new JsonObject();
        upload.addProperty("method", "PUT");
        upload.addProperty("url", ticket.put().url());
        upload.add("headers", headers);
        JsonObject body = new JsonObject();
        body.addProperty("key", ticket.key());
        body.addProperty("url", ticket.publicUrl());
        body.addProperty("contentType", ticket.upload().contentType());
        body.addProperty("size", ticket.upload().size());
        body.add("upload", upload);
        body.addProperty("expiresAt", ticket.put().expiresAt().toString());
        return GSON.toJson(body);
    }

    static String limits(TicketConfig config) {
        JsonArray extensions = new JsonArray();
        JsonObject contentTypes = new JsonObject();
        for (String extension : new TreeSet<>(config.allowedExtensions())) {
            extensions.add(extension);
            contentTypes.addProperty(extension, ImageTypes.contentType(extension));
        }
        JsonObject body = new JsonObject();
        body.add("allowedExtensions", extensions);
        body.add("contentTypes", contentTypes);
        body.addProperty("maxBytes", config.maxUploadBytes());
        body.addProperty("urlLifetimeSeconds", config.urlLifetime().toSeconds());
        body.addProperty("tokenRequired", config.uploadToken().isPresent());
        return GSON.toJson(body);
    }

    static String error(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return GSON.toJson(body);
    }
}
