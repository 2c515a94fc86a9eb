package dev.pinhole.images.format;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What an XMP packet reveals, in {@link MetadataKind} terms, for the uploader's notice. The packet is removed
 * whole whatever it holds; this only decides the words, so it looks for the property names of the common
 * namespaces (exif:GPS..., tiff:Make, dc:creator, xmp:CreateDate...) in the text instead of parsing the XML,
 * which keeps a hostile packet from costing more than a few scans of its bytes.
 */
public final class XmpContents {
    /** What a packet that cannot be read (compressed, or cut) may hold: the worst case. */
    public static final Set<MetadataKind> ANYTHING = Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA,
            MetadataKind.DATES, MetadataKind.PEOPLE, MetadataKind.TEXT);

    private static final Map<MetadataKind, String[]> MARKERS = Map.of(
            MetadataKind.LOCATION, new String[] {"GPS", "Location", "City", "Country", "State>", "State=",
                "Sublocation"},
            MetadataKind.CAMERA, new String[] {"tiff:Make", "tiff:Model", "aux:", "exifEX:", "Serial", "Lens",
                "CreatorTool", "tiff:Software", "exif:"},
            MetadataKind.DATES, new String[] {"Date"},
            MetadataKind.PEOPLE, new String[] {"dc:creator", "dc:rights", "dc:contributor", "dc:publisher", "Artist",
                "Owner", "Author", "Credit", "PersonInImage", "mwg-rs:", "xmpRights:", "CreatorContactInfo"},
            MetadataKind.TEXT, new String[] {"dc:description", "dc:title", "dc:subject", "Comment", "Headline",
                "Caption", "Keywords", "Instructions"});

    private XmpContents() {
    }

    /** The kinds the packet at {@code data[offset, offset + length)} holds; OTHER when none is recognised. */
    public static Set<MetadataKind> read(byte[] data, int offset, int length) {
        Bytes.require(data, offset, length, "the XMP packet");
        // ISO-8859-1 maps each byte to one char: the ASCII property names match in UTF-8 text too.
        String text = new String(data, offset, length, StandardCharsets.ISO_8859_1);
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        for (Map.Entry<MetadataKind, String[]> entry : MARKERS.entrySet()) {
            for (String marker : entry.getValue()) {
                if (text.contains(marker)) {
                    kinds.add(entry.getKey());
                    break;
                }
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(MetadataKind.OTHER);
        }
        return kinds;
    }
}
