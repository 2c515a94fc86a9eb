package dev.pinhole.images.format;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a removed metadata block held, in the plain categories the page shows. Blocks are removed whole
 * and unread, so these are conservative guesses: they may name a kind the block did not carry, never
 * leave out one it did.
 */
public final class MetadataKinds {
    /** An Exif block is not parsed: a camera's Exif carries position, camera and dates as a rule. */
    public static final Set<MetadataKind> EXIF =
            Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES);
    /** Everything an XMP packet can say, for a packet that cannot be scanned (compressed, say). */
    public static final Set<MetadataKind> ANY_XMP = Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA,
            MetadataKind.DATES, MetadataKind.PEOPLE, MetadataKind.TEXT);

    private static final String[] LOCATION = {"GPS", "Location", "City", "Country", "State>", "Sublocation"};
    private static final String[] CAMERA = {"tiff:", "exif:", "exifEX:", "aux:", "CreatorTool", "Serial", "Lens"};
    private static final String[] DATES = {"Date"};
    private static final String[] PEOPLE = {"dc:creator", "dc:rights", "dc:contributor", "dc:publisher", "Owner",
            "Artist", "Author", "Creator", "xmpRights", "PersonInImage", "mwg-rs:", "Iptc4xmp"};
    private static final String[] TEXT = {"dc:description", "dc:title", "dc:subject", "Comment", "Caption",
            "Headline", "Keywords", "Label", "Instructions", "History"};

    private MetadataKinds() {
    }

    /**
     * The kinds an XMP packet of {@code length} bytes at {@code offset} names, by looking for the names of
     * its properties (XMP is text whose property names are ASCII); OTHER when it names none of them.
     */
    public static Set<MetadataKind> ofXmp(byte[] data, int offset, int length) {
        String text = new String(data, offset, length, StandardCharsets.ISO_8859_1);
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        addIfAny(kinds, text, LOCATION, MetadataKind.LOCATION);
        addIfAny(kinds, text, CAMERA, MetadataKind.CAMERA);
        addIfAny(kinds, text, DATES, MetadataKind.DATES);
        addIfAny(kinds, text, PEOPLE, MetadataKind.PEOPLE);
        addIfAny(kinds, text, TEXT, MetadataKind.TEXT);
        if (kinds.isEmpty()) {
            kinds.add(MetadataKind.OTHER);
        }
        return kinds;
    }

    private static void addIfAny(Set<MetadataKind> kinds, String text, String[] names, MetadataKind kind) {
        for (String name : names) {
            if (text.contains(name)) {
                kinds.add(kind);
                return;
            }
        }
    }
}
