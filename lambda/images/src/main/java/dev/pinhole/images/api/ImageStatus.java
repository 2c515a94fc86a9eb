package dev.pinhole.images.api;

import dev.pinhole.images.store.RefusalRecord;
import java.util.Set;

/** Where an image is on its way to its link, as the status route answers it. */
sealed interface ImageStatus {
    /** The answer's {@code state}, also the State dimension of the status metric. */
    String state();

    /** The upload is there and the publisher has not finished with it yet. */
    record Checking() implements ImageStatus {
        @Override
        public String state() {
            return "checking";
        }
    }

    /** The link serves the image; {@code removed} names the kinds of metadata taken out (lower case). */
    record Published(String url, Set<String> removed) implements ImageStatus {
        @Override
        public String state() {
            return "published";
        }
    }

    record Refused(RefusalRecord reason) implements ImageStatus {
        @Override
        public String state() {
            return "refused";
        }
    }

    /** The image was deleted with its delete token: its tombstone is there. */
    record Deleted() implements ImageStatus {
        @Override
        public String state() {
            return "deleted";
        }
    }
}
