package dev.pinhole.images.format.avif;

import java.util.Set;

/** One item declared by an 'infe' box: its id, its four-cc type, for 'mime' items the content type and encoding. */
record Item(long id, String type, String contentType, String contentEncoding, Box infe) {
    static final String XMP_CONTENT_TYPE = "application/rdf+xml";
    /** Item types whose payload is a picture or builds one; everything else is metadata of some kind. */
    private static final Set<String> PICTURE_TYPES = Set.of("av01", "grid", "iovl", "iden", "tmap");

    boolean isExif() {
        return type.equals("Exif");
    }

    boolean isXmp() {
        return type.equals("mime") && contentType.equals(XMP_CONTENT_TYPE);
    }

    boolean isPicture() {
        return PICTURE_TYPES.contains(type);
    }
}
