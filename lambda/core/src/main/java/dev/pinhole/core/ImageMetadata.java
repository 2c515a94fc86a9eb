package dev.pinhole.core;

import java.util.List;

/**
 * The user metadata Pinhole keeps on its objects, by the names the SDK uses (S3 sends each as
 * {@code x-amz-meta-<name>}). The ticket function signs the first three into the upload's PUT, so a client cannot
 * change them; the publisher copies them onto the public image and adds {@link #REMOVED}.
 *
 * <p>None of them is for viewers: CloudFront removes every one of {@link #ALL} from responses (template.yaml's
 * response headers policy, checked against this list by the infra module), and the local stack never sends them.
 */
public final class ImageMetadata {
    /** {@link DeleteToken#hash} of the image's delete token. */
    public static final String DELETE_HASH = "pinhole-delete-hash";
    /** The {@link Lifetime#label()} chosen for the image; absent when it is kept until deleted. */
    public static final String LIFETIME = "pinhole-lifetime";
    /** ISO-8601 instant after which the link no longer works; absent when it is kept until deleted. */
    public static final String REMOVE_AFTER = "pinhole-remove-after";
    /** On a published image: the kinds of metadata the publisher removed (lower case, comma-separated), or "none". */
    public static final String REMOVED = "pinhole-removed";

    public static final List<String> ALL = List.of(DELETE_HASH, LIFETIME, REMOVE_AFTER, REMOVED);

    /** The prefix S3 gives user metadata in HTTP headers. */
    public static final String HEADER_PREFIX = "x-amz-meta-";

    private ImageMetadata() {
    }

    /** {@code x-amz-meta-<name>}: the header a PUT sends and a GET or HEAD answers with. */
    public static String header(String name) {
        return HEADER_PREFIX + name;
    }
}
