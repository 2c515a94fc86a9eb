package dev.pinhole.images.format.png;

import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.XmpContents;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A tEXt, zTXt or iTXt chunk: a keyword, then text (zTXt compressed, iTXt UTF-8 and optionally compressed).
 * The keyword says what the text is ("Author", "Creation Time", "XML:com.adobe.xmp" for XMP, "Raw profile
 * type exif" for the EXIF ImageMagick stores as hex), which is enough to name what removing it takes away.
 */
final class PngTextChunk {
    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    private static final int MAX_KEYWORD = 79;

    private PngTextChunk() {
    }

    static boolean isText(PngChunk chunk) {
        return chunk.is("tEXt") || chunk.is("zTXt") || chunk.is("iTXt");
    }

    /** The keyword: the Latin-1 bytes before the first NUL (empty if the chunk has none in the first 80). */
    static String keyword(byte[] data, PngChunk chunk) {
        int limit = Math.min(chunk.length(), MAX_KEYWORD + 1);
        for (int k = 0; k < limit; k++) {
            if (data[chunk.dataOffset() + k] == 0) {
                return new String(data, chunk.dataOffset(), k, StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }

    static Set<MetadataKind> kinds(byte[] data, PngChunk chunk) {
        String keyword = keyword(data, chunk);
        if (keyword.equals(XMP_KEYWORD)) {
            return xmpKinds(data, chunk, keyword.length());
        }
        String name = keyword.toLowerCase(Locale.ROOT);
        if (name.startsWith("raw profile type")) {
            return XmpContents.ANYTHING; // EXIF, XMP or IPTC as hex: everything those can hold.
        }
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        if (name.contains("gps") || name.contains("location")) {
            kinds.add(MetadataKind.LOCATION);
        }
        if (name.contains("date") || name.contains("time")) {
            kinds.add(MetadataKind.DATES);
        }
        if (name.contains("author") || name.contains("copyright") || name.contains("artist")
                || name.contains("owner")) {
            kinds.add(MetadataKind.PEOPLE);
        }
        if (name.contains("software") || name.contains("source") || name.contains("make") || name.contains("model")
                || name.contains("camera") || name.contains("serial")) {
            kinds.add(MetadataKind.CAMERA);
        }
        if (kinds.isEmpty()) {
            kinds.add(MetadataKind.TEXT); // Comment, Description, Title, and any keyword of the writer's own.
        }
        return kinds;
    }

    /** iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, text. */
    private static Set<MetadataKind> xmpKinds(byte[] data, PngChunk chunk, int keywordLength) {
        int at = chunk.dataOffset() + keywordLength + 1;
        int end = chunk.dataOffset() + chunk.length();
        if (!chunk.is("iTXt") || at + 2 > end || data[at] != 0) {
            return XmpContents.ANYTHING; // compressed or not where XMP belongs: assume the worst
        }
        at = skipPastNul(data, skipPastNul(data, at + 2, end), end);
        return at > end ? XmpContents.ANYTHING : XmpContents.read(data, at, end - at);
    }

    /** The index after the next NUL at or after {@code at}, or {@code end + 1} when there is none. */
    private static int skipPastNul(byte[] data, int at, int end) {
        for (int k = at; k < end; k++) {
            if (data[k] == 0) {
                return k + 1;
            }
        }
        return end + 1;
    }
}
