package dev.pinhole.images.format;

/**
 * Why the publisher refused an upload. The code is what the status API answers and what the page and
 * the script turn into words; the message is for people reading the API directly.
 */
public enum RefusalReason {
    NOT_AN_IMAGE("not_an_image", "The file is not an image of any type Pinhole serves."),
    WRONG_TYPE("wrong_type", "The file is an image, but not of the type its name says."),
    TRUNCATED("truncated", "The image is incomplete: the file ends before the picture does."),
    TRAILING_DATA("trailing_data", "The file carries other data after the end of the image."),
    MALFORMED("malformed", "The image's structure is damaged."),
    /** Well-formed, but a variant browsers cannot decode (e.g. arithmetic-coded or 12-bit JPEG). */
    UNSUPPORTED_VARIANT("unsupported_variant",
            "The image is stored in a variant of its format that web browsers cannot show."),
    NO_PIXELS("no_pixels", "The image declares a width or height of zero."),
    TOO_MANY_PIXELS("too_many_pixels", "The image has more pixels than this host accepts."),
    TOO_MANY_FRAMES("too_many_frames", "The animation has more frames than this host accepts."),
    TOO_COMPLEX("too_complex", "The image is made of more parts than any real picture needs."),
    METADATA_NOT_REMOVABLE("metadata_not_removable",
            "The image carries metadata that cannot be removed without re-encoding it."),
    // Decided by the publisher before any format looks at the bytes:
    TOO_LARGE("too_large", "The file is larger than this host accepts."),
    UNSUPPORTED_TYPE("unsupported_type", "This host cannot check images of this type, so it does not publish them."),
    /** The upload's signed metadata (its lifetime, its remove-after) does not parse: no ticket of this host made it. */
    INVALID_TICKET("invalid_ticket", "The upload does not carry the details of a ticket this host issued.");

    private final String code;
    private final String message;

    RefusalReason(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
