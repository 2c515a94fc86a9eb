package dev.pinhole.images.publish;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.RefusalReason;

/** What checking and cleaning an upload decided. */
sealed interface Verdict {
    /** Publish these bytes (the upload itself when nothing was removed). */
    record Accepted(Cleaning cleaning) implements Verdict {
    }

    /** Do not publish; {@code detail} is for the log. */
    record Refused(RefusalReason reason, String detail) implements Verdict {
    }
}
