package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Says what an XMP packet (or a piece of extended XMP) held, from the property names it contains. XMP is
 * removed whole whatever it says, so this only words the notice; it looks for names, it parses no XML.
 */
final class XmpKinds {
    private static final Map<MetadataKind, String[]> NAMES = Map.of(
            MetadataKind.LOCATION, new String[] {"GPS", "photoshop:City", "photoshop:State", "photoshop:Country",
                    "Iptc4xmpCore:Location", "Iptc4xmpCore:CountryCode", "LocationCreated", "LocationShown"},
            MetadataKind.CAMERA, new String[] {"tiff:Make", "tiff:Model", "SerialNumber", "aux:Lens", "LensModel",
                    "xmp:CreatorTool", "exif:FNumber", "exif:ExposureTime"},
            MetadataKind.DATES, new String[] {"CreateDate", "ModifyDate", "MetadataDate", "DateTimeOriginal",
                    "DateCreated", "DateTimeDigitized"},
            MetadataKind.PEOPLE, new String[] {"dc:creator", "dc:rights", "dc:contributor", "dc:publisher", "xmpRights:",
                    "photoshop:AuthorsPosition", "photoshop:Credit", "photoshop:CaptionWriter", "CreatorContactInfo",
                    "PersonInImage", "mwg-rs:Regions", "MP:RegionInfo"},
            MetadataKind.TEXT, new String[] {"dc:description", "dc:title", "dc:subject", "photoshop:Headline",
                    "photoshop:Instructions", "UserComment", "lr:hierarchicalSubject"});

    private XmpKinds() {
    }

    static Set<MetadataKind> of(byte[] image, Segment segment) {
        String xmp = new String(image, segment.payload(), segment.payloadLength(), StandardCharsets.ISO_8859_1);
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        NAMES.forEach((kind, names) -> {
            for (String name : names) {
                if (xmp.contains(name)) {
                    kinds.add(kind);
                    return;
                }
            }
        });
        if (kinds.isEmpty()) {
            kinds.add(MetadataKind.OTHER);
        }
        return kinds;
    }
}
