package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pinhole.images.format.avif.AvifFormat;
import dev.pinhole.images.format.webp.WebpFormat;
import org.junit.jupiter.api.Test;

/** A ticket's extension finds its format whatever its case. */
class FormatsTest {

    @Test
    void forExtension_findsWebpAndAvif() {
        assertInstanceOf(WebpFormat.class, Formats.forExtension("webp").orElseThrow());
        assertInstanceOf(AvifFormat.class, Formats.forExtension("AVIF").orElseThrow());
    }
}
