package dev.pinhole.images.publish;

import dev.pinhole.images.format.Formats;
import dev.pinhole.images.format.ImageFormat;
import java.util.Optional;

/** Which format checks an upload of an extension. Production uses the registry; tests may bring their own. */
@FunctionalInterface
public interface FormatLookup {
    Optional<ImageFormat> forExtension(String extension);

    static FormatLookup registry() {
        return Formats::forExtension;
    }
}
