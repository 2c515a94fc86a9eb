package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What may follow the primary image's EOI. Phones append secondary images and videos there, and refusing
 * every iPhone, Pixel or Galaxy photo would be wrong; serving them would leak what the uploader never saw
 * (a depth map, a video with sound). So data after EOI is accepted only when the primary image declares
 * it, piece by piece, and the cleaner removes all of it:
 * <ul>
 *   <li>images listed in the MPF index, each itself a well-formed JPEG ending exactly where declared;</li>
 *   <li>one MP4 video, when the XMP declares a Google motion photo ("MotionPhoto" or "MicroVideo");</li>
 *   <li>a Samsung trailer ("SEFH" directory, "SEFT" footer) at the very end.</li>
 * </ul>
 * Any other byte after EOI (a ZIP, HTML, padding) is refused as trailing data.
 */
final class Trailer {
    private static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);

    private Trailer() {
    }

    /** The kinds of what the trailer holds (empty when there is none); refuses undeclared trailing data. */
    static Set<MetadataKind> check(byte[] image, JpegLayout layout, InspectionLimits limits) {
        if (!layout.hasTrailer(image)) {
            return Set.of();
        }
        List<MpfIndex.DeclaredImage> images = MpfIndex.declaredImages(image, layout);
        SamsungTrailer.Found samsung = SamsungTrailer.find(image, layout.imageEnd());
        int samsungStart = samsung == null ? image.length : samsung.start();
        boolean videoDeclared = declaresMotionPhoto(image, layout);
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        int next = 0;
        int cursor = layout.imageEnd();
        while (cursor < image.length) {
            while (next < images.size() && images.get(next).start() < cursor) {
                if (images.get(next).end() > layout.imageEnd()) {
                    throw new Refusal(RefusalReason.MALFORMED, "MPF image " + images.get(next).number()
                            + " overlaps the data before it");
                }
                next++; // declared inside the primary image: a lie the cleaner drops with the index
            }
            MpfIndex.DeclaredImage declared = next < images.size() ? images.get(next) : null;
            if (declared != null && declared.start() == cursor) {
                checkImage(image, declared, limits);
                kinds.add(declared.kind());
                cursor = (int) declared.end();
                next++;
            } else if (cursor == samsungStart) {
                kinds.addAll(samsung.kinds());
                cursor = image.length;
            } else if (videoDeclared) {
                int boundary = (int) Math.min(declared == null ? image.length : declared.start(),
                        samsungStart > cursor ? samsungStart : image.length);
                IsoMediaRun.check(image, cursor, boundary, limits.maxParts());
                kinds.add(MetadataKind.OTHER);
                videoDeclared = false;
                cursor = boundary;
            } else {
                throw new Refusal(RefusalReason.TRAILING_DATA, (image.length - cursor) + " bytes from byte " + cursor
                        + " follow the end of the image, and neither an MPF index, a motion-photo XMP nor a"
                        + " Samsung trailer declares them");
            }
        }
        return kinds;
    }

    private static void checkImage(byte[] image, MpfIndex.DeclaredImage declared, InspectionLimits limits) {
        String which = "MPF image " + declared.number() + " (bytes " + declared.start() + " to " + declared.end() + ")";
        if (declared.end() > image.length) {
            throw new Refusal(RefusalReason.TRUNCATED, "the file ends inside " + which);
        }
        byte[] secondary = Arrays.copyOfRange(image, (int) declared.start(), (int) declared.end());
        try {
            JpegLayout layout = JpegReader.read(secondary, limits);
            if (layout.hasTrailer(secondary)) {
                throw new Refusal(RefusalReason.TRAILING_DATA, which + " ends before its declared length");
            }
        } catch (Refusal refusal) {
            // "Not a JPEG" describes the secondary image, not the upload: its index points at something else.
            boolean notJpeg = refusal.reason() == RefusalReason.WRONG_TYPE || refusal.reason() == RefusalReason.NOT_AN_IMAGE;
            throw new Refusal(notJpeg ? RefusalReason.MALFORMED : refusal.reason(), which + ": " + refusal.detail());
        }
    }

    private static boolean declaresMotionPhoto(byte[] image, JpegLayout layout) {
        for (Segment segment : layout.segments()) {
            if (segment.marker() == Markers.APP1 && segment.payloadStartsWith(image, XMP)) {
                String xmp = new String(image, segment.payload(), segment.payloadLength(), StandardCharsets.ISO_8859_1);
                if (xmp.contains("MotionPhoto") || xmp.contains("MicroVideo")) {
                    return true;
                }
            }
        }
        return false;
    }
}
