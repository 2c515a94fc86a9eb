package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * The cleaning policy, segment by segment. Everything the decoder needs (frame, tables, scans and their
 * data, restart intervals) stays byte for byte; of the application segments only JFIF, Adobe, the ICC
 * profile and a minimal Exif stay; comments and every other application segment go.
 */
final class SegmentRules {
    private static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTENDED_XMP = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] image;
    private final MetadataPolicy policy;
    private boolean exifSeen;

    SegmentRules(byte[] image, MetadataPolicy policy) {
        this.image = image;
        this.policy = policy;
    }

    Decision decide(Segment segment) {
        return switch (segment.marker()) {
            case Markers.COM -> Decision.drop(MetadataKind.TEXT);
            case Markers.APP0 -> app0(segment);
            case Markers.APP1 -> app1(segment);
            case Markers.APP2 -> segment.payloadStartsWith(image, DisplaySegments.ICC_PROFILE)
                    ? DisplaySegments.iccProfile(segment)
                    : Decision.drop(MetadataKind.OTHER); // MPF index (its images go with the trailer), FlashPix...
            case Markers.APP13 -> Decision.drop(PhotoshopKinds.of(image, segment));
            case Markers.APP14 -> segment.payloadStartsWith(image, DisplaySegments.ADOBE)
                    ? DisplaySegments.adobe(image, segment)
                    : Decision.drop(MetadataKind.OTHER);
            default -> Markers.isApp(segment.marker()) ? Decision.drop(MetadataKind.OTHER) : Decision.keep();
        };
    }

    private Decision app0(Segment segment) {
        if (segment.payloadStartsWith(image, DisplaySegments.JFIF)) {
            return DisplaySegments.jfif(image, segment);
        }
        return Decision.drop(segment.payloadStartsWith(image, DisplaySegments.JFXX)
                ? MetadataKind.THUMBNAIL : MetadataKind.OTHER);
    }

    private Decision app1(Segment segment) {
        if (segment.payloadStartsWith(image, MinimalExif.IDENTIFIER)) {
            Decision decision = ExifMinimizer.decide(image, segment, policy);
            if (!exifSeen) {
                exifSeen = true;
                return decision;
            }
            // Readers use the first Exif segment; a second one is only a place to hide things.
            Set<MetadataKind> kinds = EnumSet.of(MetadataKind.OTHER);
            kinds.addAll(decision.removed());
            return Decision.drop(kinds);
        }
        if (segment.payloadStartsWith(image, XMP) || segment.payloadStartsWith(image, EXTENDED_XMP)) {
            return Decision.drop(XmpKinds.of(image, segment));
        }
        return Decision.drop(MetadataKind.OTHER);
    }
}
