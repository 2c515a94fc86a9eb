package dev.pinhole.images.format;

/**
 * What a deployment keeps beyond the privacy default. The default keeps only what display needs
 * (orientation, colour profile, transparency, animation); a deployment may keep more, never less.
 *
 * @param keepCopyright keep copyright notices (EXIF Copyright, XMP dc:rights, a PNG "Copyright" text chunk)
 */
public record MetadataPolicy(boolean keepCopyright) {
    public static final MetadataPolicy PRIVACY_DEFAULT = new MetadataPolicy(false);
}
