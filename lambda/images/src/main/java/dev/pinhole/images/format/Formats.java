package dev.pinhole.images.format;

import dev.pinhole.images.format.avif.AvifFormat;
import dev.pinhole.images.format.gif.GifFormat;
import dev.pinhole.images.format.jpeg.JpegFormat;
import dev.pinhole.images.format.png.PngFormat;
import dev.pinhole.images.format.webp.WebpFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The format that a ticket's extension pins. The ticket handler decides which extensions are allowed at all. */
public final class Formats {
    private static final ImageFormat JPEG = new JpegFormat();
    private static final Map<String, ImageFormat> BY_EXTENSION = Map.of(
            "jpg", JPEG,
            "jpeg", JPEG,
            "png", new PngFormat(),
            "gif", new GifFormat(),
            "webp", new WebpFormat(),
            "avif", new AvifFormat());

    private Formats() {
    }

    public static Optional<ImageFormat> forExtension(String extension) {
        return Optional.ofNullable(BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT)));
    }
}
