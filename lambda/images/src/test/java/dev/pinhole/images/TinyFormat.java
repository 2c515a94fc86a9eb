package dev.pinhole.images;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A format of the tests' own, so the publisher's pipeline can be tested before (and apart from) the real
 * formats: "TINY" + width (u16be) + height (u16be) + a body of width x height bytes, optionally followed by a
 * "GPS!" block of 8 bytes that cleaning removes. Everything else is refused with the reason a real format gives.
 */
public final class TinyFormat implements ImageFormat {
    private static final byte[] SIGNATURE = "TINY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GPS = "GPS!".getBytes(StandardCharsets.US_ASCII);

    public static byte[] image(int width, int height, boolean withLocation) {
        byte[] image = new byte[8 + width * height + (withLocation ? 12 : 0)];
        System.arraycopy(SIGNATURE, 0, image, 0, 4);
        image[4] = (byte) (width >> 8);
        image[5] = (byte) width;
        image[6] = (byte) (height >> 8);
        image[7] = (byte) height;
        for (int i = 8; i < 8 + width * height; i++) {
            image[i] = (byte) (i * 31);
        }
        if (withLocation) {
            System.arraycopy(GPS, 0, image, 8 + width * height, 4);
        }
        return image;
    }

    @Override
    public Inspection inspect(byte[] image, InspectionLimits limits) {
        if (!Bytes.startsWith(image, 0, SIGNATURE)) {
            throw new Refusal(RefusalReason.NOT_AN_IMAGE, "no TINY signature");
        }
        int width = Bytes.u16be(image, 4, "width");
        int height = Bytes.u16be(image, 6, "height");
        if (width == 0 || height == 0) {
            throw new Refusal(RefusalReason.NO_PIXELS, "declares " + width + " x " + height);
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, "declares " + width + " x " + height);
        }
        long end = 8L + (long) width * height;
        Bytes.require(image, 8, end - 8, "the body");
        if (image.length != end && !(image.length == end + 12 && Bytes.startsWith(image, end, GPS))) {
            throw new Refusal(RefusalReason.TRAILING_DATA, (image.length - end) + " bytes after the body");
        }
        return new Inspection(width, height, 1);
    }

    @Override
    public Cleaning clean(byte[] image, MetadataPolicy policy) {
        int end = 8 + Bytes.u16be(image, 4, "width") * Bytes.u16be(image, 6, "height");
        if (image.length == end) {
            return Cleaning.unchanged(image);
        }
        return new Cleaning(Arrays.copyOf(image, end), Set.of(MetadataKind.LOCATION));
    }
}
