package dev.pinhole.images.publish;

import dev.pinhole.images.format.CheckedImage;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.Optional;

/**
 * Checks an upload with the format its extension pins, then cleans it: inspect, remove metadata, and inspect
 * what is about to be published once more when the cleaner built a new container (a mistake in rewritten
 * sizes or offsets must not publish a broken file). Whatever the bytes are, the answer is a verdict: a format
 * that throws anything but a Refusal has a bug, which is logged, and the upload is refused rather than retried
 * forever.
 */
final class ImageCheck {
    private final PublishLimits limits;

    ImageCheck(PublishLimits limits) {
        this.limits = limits;
    }

    /** @param line the upload's log line, told what the image is, or of a format's bug */
    Verdict check(String name, Optional<ImageFormat> pinned, byte[] upload, PublishLine line) {
        if (pinned.isEmpty()) {
            return new Verdict.Refused(RefusalReason.UNSUPPORTED_TYPE, "no format is registered for " + name);
        }
        ImageFormat format = pinned.get();
        try {
            // One call, so that a format can clean from the layout its inspection has just accepted (JPEG does).
            CheckedImage checked = format.inspectAndClean(upload, limits.inspection(), limits.metadata());
            Inspection inspection = checked.inspection();
            Cleaning cleaning = checked.cleaning();
            // A splice (JPEG, PNG, GIF) is whole segments, chunks or blocks of the file just walked, in their
            // order, and new ones the cleaner wrote: walking it again would reread every byte of the compressed
            // data (and join it into a copy) to find what the splice did not touch. The fuzz tests hold every
            // format to "the cleaned file inspects as the upload did"; a rebuilt container is checked here too.
            if (cleaning.changed() && !cleaning.spliced()) {
                format.inspect(cleaning.bytes(), limits.inspection());
            }
            line.accepted(inspection, cleaning);
            return new Verdict.Accepted(cleaning);
        } catch (Refusal refusal) {
            return new Verdict.Refused(refusal.reason(), refusal.detail());
        } catch (RuntimeException | StackOverflowError bug) {
            line.formatBug(format, bug);
            return new Verdict.Refused(RefusalReason.MALFORMED, "the " + format.getClass().getSimpleName()
                    + " check failed: " + bug.getClass().getSimpleName());
        }
    }
}
