package dev.pinhole.images.api;

import dev.pinhole.core.JsonText;

/** The image API's JSON, written field by field with Gson's streaming writer: the wire format in one place. */
final class JsonBodies {
    private JsonBodies() {
    }

    static String status(ImageStatus status) {
        return JsonText.write(json -> {
            json.beginObject();
            json.name("state").value(status.state());
            if (status instanceof ImageStatus.Published published) {
                json.name("url").value(published.url());
                json.name("removed").beginArray();
                for (String kind : published.removed()) {
                    json.value(kind);
                }
                json.endArray();
            } else if (status instanceof ImageStatus.Refused refused) {
                json.name("reason").beginObject();
                json.name("code").value(refused.reason().code());
                json.name("message").value(refused.reason().message());
                json.endObject();
            }
            json.endObject();
        });
    }
}
