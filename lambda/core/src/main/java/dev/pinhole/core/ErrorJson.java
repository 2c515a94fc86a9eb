package dev.pinhole.core;

/**
 * The one shape every Pinhole error has on the wire, whoever answers (a function or the local stack):
 * {@code {"error":{"code":"too_large","message":"The file is larger than ..."}}}.
 */
public final class ErrorJson {
    private ErrorJson() {
    }

    public static String of(ErrorCode error, String message) {
        return JsonText.write(json -> {
            json.beginObject();
            json.name("error").beginObject();
            json.name("code").value(error.code());
            json.name("message").value(wellFormed(message));
            json.endObject();
            json.endObject();
        });
    }

    /**
     * Messages may echo what a client sent (an unknown field's name), and a JSON escape can spell half of
     * a surrogate pair on its own, which no UTF-8 encoder can write: the body would go out with a '?' in
     * its place, or be refused by a strict reader.
     */
    private static String wellFormed(String message) {
        StringBuilder text = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < message.length()
                    && Character.isLowSurrogate(message.charAt(i + 1));
            if (paired) {
                if (text != null) {
                    text.append(c).append(message.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (text == null) {
                    text = new StringBuilder(message.length()).append(message, 0, i);
                }
                text.append('\uFFFD');
            } else if (text != null) {
                text.append(c);
            }
        }
        return text == null ? message : text.toString();
    }
}
