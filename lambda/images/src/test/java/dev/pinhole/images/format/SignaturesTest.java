package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinhole.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A file handed to the wrong format is named by what it really is, so the refusal can say wrong_type. */
class SignaturesTest {

    @Test
    void recognise_namesEachImageTypeFromItsFirstBytes() {
        assertEquals(Optional.of("PNG"), Signatures.recognise(SampleImages.png(4, 4)));
        assertEquals(Optional.of("JPEG"), Signatures.recognise(SampleImages.jpeg(4, 4)));
        assertEquals(Optional.of("GIF"), Signatures.recognise(ascii("GIF89a....")));
        assertEquals(Optional.of("WebP"), Signatures.recognise(SampleImages.webp()));
        assertEquals(Optional.of("AVIF"), Signatures.recognise(SampleImages.avif()));
        assertEquals(Optional.of("AVIF"), Signatures.recognise(SampleImages.avifAnimated()));
        assertEquals(Optional.of("HEIF"), Signatures.recognise(ftyp("heic", "mif1", "heic")));
        assertEquals(Optional.of("TIFF"), Signatures.recognise(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}));
    }

    @Test
    void recognise_namesNothingForTextVideoOrOtherRiffFiles() {
        assertEquals(Optional.empty(), Signatures.recognise(ascii("<html><body>hello</body></html>")));
        assertEquals(Optional.empty(), Signatures.recognise(ftyp("isom", "isom", "mp41")));
        assertEquals(Optional.empty(), Signatures.recognise(ascii("RIFF\0\0\0\0WAVEfmt ")));
        assertEquals(Optional.empty(), Signatures.recognise(new byte[0]));
    }

    @Test
    void refuseAs_saysWrongTypeForAnotherImageAndNotAnImageForTheRest() {
        Refusal png = Signatures.refuseAs("WebP", SampleImages.png(4, 4));
        Refusal text = Signatures.refuseAs("WebP", ascii("hello"));

        assertEquals(RefusalReason.WRONG_TYPE, png.reason());
        assertEquals("the file's signature is that of PNG, not WebP", png.detail());
        assertEquals(RefusalReason.NOT_AN_IMAGE, text.reason());
    }

    private static byte[] ftyp(String major, String... compatible) {
        StringBuilder brands = new StringBuilder(major).append("\0\0\0\0");
        for (String brand : compatible) {
            brands.append(brand);
        }
        byte[] body = ascii(brands.toString());
        byte[] box = new byte[8 + body.length];
        box[3] = (byte) box.length;
        System.arraycopy(ascii("ftyp"), 0, box, 4, 4);
        System.arraycopy(body, 0, box, 8, body.length);
        return box;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
