package dev.pinhole.core;

/**
 * Where each image can be asked about: {@code /api/images/<id>.<ext>}, the resource whose GET answers the
 * publish status (and whose DELETE will take the image back). The ticket function puts its absolute URL in
 * every ticket; the image API function serves it.
 */
public final class ImageRoutes {
    public static final String PREFIX = "/api/images/";
    /** The route as API Gateway writes it. */
    public static final String ROUTE = PREFIX + "{name}";

    private ImageRoutes() {
    }

    public static String path(ImageKey key) {
        return PREFIX + key.name();
    }
}
