package dev.pinhole.images.format.jpeg;

import static dev.pinhole.images.format.jpeg.JpegBytes.afterSoi;
import static dev.pinhole.images.format.jpeg.JpegBytes.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import org.junit.jupiter.api.Test;

/**
 * Phone photos carry secondary images and videos after EOI. Declared ones are accepted and removed by the
 * cleaner; anything else after EOI is refused.
 */
class JpegTrailerTest {
    private final ImageFormat jpeg = new JpegFormat();
    private final byte[] primary = JpegSamples.baseline(120, 80);
    private final byte[] gainMap = JpegSamples.baseline(60, 40);

    @Test
    void secondaryImagesTheMpfIndexDeclares_areAcceptedAndRemovedWithTheIndex() {
        // Given a photo like an iPhone's: an MPF index and a gain map JPEG after EOI
        byte[] photo = PhoneTrailers.withMpf(primary, gainMap, JpegSamples.grey(30, 20));

        // When it is inspected and cleaned
        assertEquals(120, jpeg.inspect(photo, InspectionLimits.DEFAULT).width());
        Cleaning cleaning = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT);

        // Then what is published is the primary image alone, byte for byte as it was before the index went in
        assertArrayEquals(primary, cleaning.bytes());
        assertEquals(java.util.Set.of(MetadataKind.OTHER), cleaning.removed());
    }

    @Test
    void mpfIndexWithoutTrailer_isAcceptedAndTheIndexRemoved() {
        byte[] photo = PhoneTrailers.withMpf(primary, gainMap);
        byte[] cut = PhoneTrailers.withoutLast(photo, gainMap.length);

        assertArrayEquals(primary, jpeg.clean(cut, MetadataPolicy.PRIVACY_DEFAULT).bytes());
    }

    @Test
    void undeclaredDataAfterTheDeclaredImages_isRefused() {
        byte[] photo = concat(PhoneTrailers.withMpf(primary, gainMap), JpegBytes.ascii("PK\3\4 hidden zip"));

        assertRefused(RefusalReason.TRAILING_DATA, photo);
    }

    @Test
    void declaredImageThatIsNoJpegOrIsCutOff_isRefused() {
        assertRefused(RefusalReason.MALFORMED, PhoneTrailers.withMpf(primary, SampleImages.png(10, 10)));
        assertRefused(RefusalReason.TRUNCATED, PhoneTrailers.withoutLast(PhoneTrailers.withMpf(primary, gainMap), 100));
        byte[] gainMapWithExtra = concat(gainMap, new byte[] {1, 2, 3});
        assertRefused(RefusalReason.TRAILING_DATA, PhoneTrailers.withMpf(primary, gainMapWithExtra));
    }

    @Test
    void motionPhotoVideoDeclaredInXmp_isAcceptedAndRemoved() {
        // Given a Pixel motion photo: XMP says so, an MP4 follows EOI
        byte[] still = afterSoi(primary, PhoneTrailers.xmp(PhoneTrailers.MOTION_PHOTO_XMP));
        byte[] photo = concat(still, PhoneTrailers.mp4(5000));

        jpeg.inspect(photo, InspectionLimits.DEFAULT);
        Cleaning cleaning = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(primary, cleaning.bytes(), "the XMP and the video are both gone");
        assertTrue(cleaning.removed().contains(MetadataKind.OTHER));
    }

    @Test
    void ultraHdrMotionPhoto_gainMapAndVideo_isAcceptedAndRemoved() {
        byte[] withIndex = PhoneTrailers.withMpf(afterSoi(primary, PhoneTrailers.xmp(PhoneTrailers.MOTION_PHOTO_XMP)),
                gainMap);
        byte[] photo = concat(withIndex, PhoneTrailers.mp4(300));

        jpeg.inspect(photo, InspectionLimits.DEFAULT);
        assertArrayEquals(primary, jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT).bytes());
    }

    @Test
    void videoWithoutMotionPhotoXmp_orNotAnMp4_isRefused() {
        assertRefused(RefusalReason.TRAILING_DATA, concat(primary, PhoneTrailers.mp4(100)));
        byte[] declared = afterSoi(primary, PhoneTrailers.xmp(PhoneTrailers.MOTION_PHOTO_XMP));
        assertRefused(RefusalReason.TRAILING_DATA, concat(declared, JpegBytes.ascii("PK\3\4 not a video at all")));
        assertRefused(RefusalReason.TRAILING_DATA, concat(declared, PhoneTrailers.withoutLast(PhoneTrailers.mp4(100), 3)));
    }

    @Test
    void samsungTrailer_isAcceptedAndRemovedWithItsCaptureTime() {
        byte[] photo = concat(primary, PhoneTrailers.samsung("Image_UTC_Data", "1718000000000"));

        jpeg.inspect(photo, InspectionLimits.DEFAULT);
        Cleaning cleaning = jpeg.clean(photo, MetadataPolicy.PRIVACY_DEFAULT);

        assertArrayEquals(primary, cleaning.bytes());
        assertTrue(cleaning.removed().contains(MetadataKind.DATES), cleaning.removed().toString());
    }

    @Test
    void zipThatEndsInAFakeSamsungFooter_isRefused() {
        byte[] fake = concat(JpegBytes.ascii("PK\3\4 payload"), new byte[] {(byte) 0xFF, 0, 0, 0}, JpegBytes.ascii("SEFT"));

        assertRefused(RefusalReason.TRAILING_DATA, concat(primary, fake));
    }

    @Test
    void imageWithoutTrailerOrMetadata_isReturnedAsTheSameArray() {
        assertSame(primary, jpeg.clean(primary, MetadataPolicy.PRIVACY_DEFAULT).bytes());
    }

    private void assertRefused(RefusalReason expected, byte[] image) {
        Refusal refusal = assertThrows(Refusal.class, () -> jpeg.inspect(image, InspectionLimits.DEFAULT));
        assertEquals(expected, refusal.reason(), refusal.detail());
    }
}
