package dev.pinhole.images.format;

/** The kinds of metadata the cleaner removes, named as an uploader would understand them. */
public enum MetadataKind {
    /** GPS position, altitude, direction. */
    LOCATION,
    /** Camera make, model, serial numbers, lens, maker notes, software, capture settings. */
    CAMERA,
    /** Dates and times the picture was taken or edited. */
    DATES,
    /** Creator, artist, copyright holder, owner names, XMP/IPTC identity fields. */
    PEOPLE,
    /** Comments, captions, descriptions, text chunks, application extensions. */
    TEXT,
    /** Embedded preview images (EXIF thumbnails), which can show the picture before it was cropped. */
    THUMBNAIL,
    /** Anything else a format carries that the cleaner does not know to be needed for display. */
    OTHER
}
