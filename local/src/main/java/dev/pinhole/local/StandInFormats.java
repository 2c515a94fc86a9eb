package dev.pinhole.local;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.publish.FormatLookup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * For tests of the stack's plumbing only, while a type's real format is not written yet: a signature check
 * standing in for the missing format, so that tests about tickets, links, the page and the script can publish
 * real images of every type. Where the registry has a format, the registry's is used; the stack itself
 * ({@link LocalOptions#DEFAULT}) never uses a stand-in. Remove this class once every allowed type has its format.
 */
public final class StandInFormats {
    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            "jpg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
            "jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
            "gif", "GIF8".getBytes(StandardCharsets.US_ASCII),
            "webp", "RIFF".getBytes(StandardCharsets.US_ASCII),
            "avif", new byte[0]);

    private StandInFormats() {
    }

    /** The registry's format where there is one, else the stand-in. */
    public static FormatLookup whereMissing() {
        FormatLookup registry = FormatLookup.registry();
        return extension -> registry.forExtension(extension)
                .or(() -> Optional.ofNullable(SIGNATURES.get(extension)).map(SignatureOnly::new));
    }

    private record SignatureOnly(byte[] signature) implements ImageFormat {
        @Override
        public Inspection inspect(byte[] image, InspectionLimits limits) {
            if (!Bytes.startsWith(image, 0, signature)) {
                throw new Refusal(RefusalReason.NOT_AN_IMAGE, "stand-in: no signature");
            }
            return new Inspection(1, 1, 1);
        }

        @Override
        public Cleaning clean(byte[] image, MetadataPolicy policy) {
            return Cleaning.unchanged(image);
        }
    }
}
