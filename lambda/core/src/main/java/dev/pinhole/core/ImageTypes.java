package dev.pinhole.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's table of image extensions and the Content-Type each is stored and served with.
 * The client never names a Content-Type: it names an extension, and this table decides. It lives in
 * core because every function must agree on it: the ticket function signs the type, the publisher
 * stores the checked image with the same one.
 *
 * <p>Only raster formats that browsers render without running code are in the table. SVG, HTML and
 * friends are refused outright even if an operator lists them: served from the image domain they
 * would run script in a visitor's browser.
 */
public final class ImageTypes {
    public static final Set<String> DEFAULT_ALLOWED = Set.of("jpg", "jpeg", "png", "gif", "webp", "avif");

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"),
            Map.entry("jxl", "image/jxl"));

    /** Types a browser may execute or interpret as a document; never allowed, whatever the settings say. */
    private static final Set<String> EXECUTABLE = Set.of(
            "svg", "svgz", "html", "htm", "xhtml", "xht", "xml", "xsl", "js", "mjs", "css", "pdf", "swf");

    /** Checked before lower-casing: toLowerCase maps some non-ASCII letters (the Kelvin sign) to ASCII. */
    private static final Pattern ASCII_EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");

    private ImageTypes() {
    }

    /**
     * Normalises what a client or operator wrote: case-insensitive, one optional leading dot.
     * Returns empty for anything that is not a plain ASCII extension (paths, double extensions,
     * homoglyphs, NUL bytes), so such input can never reach a key.
     */
    public static Optional<String> normalise(String extension) {
        String withoutDot = extension.startsWith(".") ? extension.substring(1) : extension;
        return ASCII_EXTENSION.matcher(withoutDot).matches()
                ? Optional.of(withoutDot.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    public static boolean isKnownImage(String normalisedExtension) {
        return CONTENT_TYPES.containsKey(normalisedExtension);
    }

    public static boolean isExecutable(String normalisedExtension) {
        return EXECUTABLE.contains(normalisedExtension);
    }

    /** The Content-Type for a known extension; callers check {@link #isKnownImage} first. */
    public static String contentType(String normalisedExtension) {
        String type = CONTENT_TYPES.get(normalisedExtension);
        if (type == null) {
            throw new IllegalArgumentException("not a known image extension: " + normalisedExtension);
        }
        return type;
    }
}
