package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The application segments decoders read to show the picture right, kept in place but reduced to the
 * fields they read: JFIF (libjpeg takes three components as YCbCr when it is there) without its
 * thumbnail, Adobe APP14 (its transform flag says RGB, YCbCr or YCCK) and the ICC profile chunks.
 */
final class DisplaySegments {
    static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] JFXX = "JFXX\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    /** Identifier, version, units, X and Y density, thumbnail width and height: what libjpeg reads. */
    private static final int JFIF_LENGTH = 14;
    /** Identifier, version, flags0, flags1, transform: what libjpeg reads. */
    private static final int ADOBE_LENGTH = 12;
    /** Identifier, chunk number and chunk count before the profile's bytes. */
    private static final int ICC_HEADER = 14;

    private DisplaySegments() {
    }

    /** JFIF without its thumbnail (width and height 0); shorter than libjpeg reads, it is ignored, so it goes. */
    static Decision jfif(byte[] image, Segment segment) {
        if (segment.payloadLength() < JFIF_LENGTH) {
            return Decision.drop(MetadataKind.OTHER);
        }
        int thumbnailPixels = (image[segment.payload() + 12] & 0xFF) * (image[segment.payload() + 13] & 0xFF);
        if (segment.payloadLength() == JFIF_LENGTH && thumbnailPixels == 0) {
            return Decision.keep();
        }
        byte[] payload = Arrays.copyOfRange(image, segment.payload(), segment.payload() + JFIF_LENGTH);
        payload[12] = 0;
        payload[13] = 0;
        return Decision.replace(payload, Set.of(thumbnailPixels > 0 ? MetadataKind.THUMBNAIL : MetadataKind.OTHER));
    }

    static Decision adobe(byte[] image, Segment segment) {
        if (segment.payloadLength() < ADOBE_LENGTH) {
            return Decision.drop(MetadataKind.OTHER);
        }
        if (segment.payloadLength() == ADOBE_LENGTH) {
            return Decision.keep();
        }
        return Decision.replace(Arrays.copyOfRange(image, segment.payload(), segment.payload() + ADOBE_LENGTH),
                Set.of(MetadataKind.OTHER));
    }

    /** Every chunk is kept in order: a profile over 64 KB spans several APP2 segments. */
    static Decision iccProfile(Segment segment) {
        return segment.payloadLength() > ICC_HEADER ? Decision.keep() : Decision.drop(MetadataKind.OTHER);
    }
}
