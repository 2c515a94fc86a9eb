package dev.pinhole.images.publish;

/** How handling one upload event ended; logged, and returned for tests. */
public enum Outcome {
    /** The image is public now, and the upload is gone. */
    PUBLISHED,
    /** The upload was refused: its refusal record is written, and the upload is gone. */
    REFUSED,
    /** An image was public under this name already (a duplicate event, or a replayed ticket): upload dropped. */
    ALREADY_PUBLISHED,
    /** The name was refused before (a replayed ticket after a refusal): upload dropped, nothing published. */
    ALREADY_REFUSED,
    /**
     * The name was deleted while its upload was being published: the image was written and removed again (its link
     * marked for invalidation); the upload is gone.
     */
    WITHDRAWN,
    /** No upload to handle: an earlier delivery of the same event finished it. */
    UPLOAD_GONE,
    /** Not an upload of this stack (another bucket, another prefix, a malformed key): left alone. */
    IGNORED
}
