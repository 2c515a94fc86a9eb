package dev.pinhole.images.publish;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.store.ImageBucket;
import dev.pinhole.images.store.PendingInvalidations;
import dev.pinhole.images.store.RefusalRecord;
import dev.pinhole.images.store.Upload;
import java.time.Clock;

/**
 * Publishes one upload: read it, check it, clean it, write the public image, delete the upload; or record why
 * not and delete the upload. Every step is safe to repeat, and the order makes every crash recoverable:
 *
 * <ul>
 *   <li>The public image is written in one PUT with {@code If-None-Match: *}: it appears whole or not at all,
 *       and the first writer wins, so neither a duplicate event nor a replayed ticket can replace it.</li>
 *   <li>The upload is deleted only after the public image or the refusal record exists. A crash before that
 *       leaves the upload for the retry, which finds the finished image or record and only deletes.</li>
 *   <li>A name that has an image or a refusal record is never looked at again: a ticket replayed within its
 *       lifetime (its upload key is free again once the upload is deleted) can neither replace a published
 *       image nor publish a name that was refused or deleted.</li>
 *   <li>A delete may come while the upload is being checked: it writes the tombstone first. So after writing the
 *       public image the publisher looks for a record once more, and withdraws the image if there is one; the
 *       delete, for its part, looks for the public image after its tombstone. Whichever comes second sees the
 *       other's write, so a deleted name never stays published.</li>
 * </ul>
 */
final class Publisher {
    private final ImageBucket bucket;
    private final PendingInvalidations invalidations;
    private final FormatLookup formats;
    private final PublishLimits limits;
    private final boolean tagObjects;
    private final ImageCheck check;
    private final Clock clock;

    Publisher(ImageBucket bucket, PendingInvalidations invalidations, FormatLookup formats, PublishLimits limits,
              boolean tagObjects, Clock clock) {
        this.bucket = bucket;
        this.invalidations = invalidations;
        this.formats = formats;
        this.limits = limits;
        this.tagObjects = tagObjects;
        this.check = new ImageCheck(limits);
        this.clock = clock;
    }

    /** @param line the upload's log line, told what the image is or why it is refused; the caller writes it */
    Outcome publish(ImageKey key, PublishLine line) {
        if (bucket.exists(key.publicKey())) {
            // A retry of a publish that wrote the image and then failed before its look for a tombstone.
            Outcome outcome = bucket.exists(key.refusalKey()) ? withdraw(key) : Outcome.ALREADY_PUBLISHED;
            bucket.deleteUpload(key);
            return outcome;
        }
        if (bucket.exists(key.refusalKey())) {
            bucket.deleteUpload(key);
            return Outcome.ALREADY_REFUSED;
        }
        Upload upload = bucket.readUpload(key, limits.maxBytes());
        if (upload instanceof Upload.Gone) {
            return Outcome.UPLOAD_GONE;
        }
        if (upload instanceof Upload.TooLarge tooLarge) {
            return refuse(key, RefusalReason.TOO_LARGE, tooLarge.size() + " bytes, over " + limits.maxBytes(), line);
        }
        Upload.Bytes bytes = (Upload.Bytes) upload;
        UploadTerms terms;
        try {
            terms = UploadTerms.read(bytes.metadata(), clock.instant());
        } catch (UploadTerms.Invalid invalid) {
            return refuse(key, RefusalReason.INVALID_TICKET, invalid.getMessage(), line);
        }
        Verdict verdict = check.check(key.name(), formats.forExtension(key.extension()), bytes.content(), line);
        if (verdict instanceof Verdict.Refused refused) {
            return refuse(key, refused.reason(), refused.detail(), line);
        }
        var cleaning = ((Verdict.Accepted) verdict).cleaning();
        // Streamed from the parts the cleaner kept: a photo is never copied whole to take out its metadata.
        boolean written = bucket.putPublic(key, cleaning.length(), cleaning::newStream,
                terms.publication(cleaning.removed(), tagObjects, clock.instant()));
        Outcome outcome;
        if (bucket.exists(key.refusalKey())) {
            outcome = withdraw(key);
        } else {
            outcome = written ? Outcome.PUBLISHED : Outcome.ALREADY_PUBLISHED;
        }
        bucket.deleteUpload(key);
        return outcome;
    }

    /**
     * The name was deleted while its image was being written: remove the image again, and have its link
     * invalidated, in case a viewer fetched it through CloudFront in between.
     */
    private Outcome withdraw(ImageKey key) {
        // The marker first, as in Deletion: a failure in between leaves the image for the retry, not at the edge.
        invalidations.add(key);
        bucket.deletePublic(key);
        return Outcome.WITHDRAWN;
    }

    private Outcome refuse(ImageKey key, RefusalReason reason, String detail, PublishLine line) {
        line.refused(reason, detail);
        RefusalRecord record = new RefusalRecord(reason.code(), reason.message(), clock.instant());
        boolean written = bucket.putRefusal(key, record.toJson());
        bucket.deleteUpload(key);
        return written ? Outcome.REFUSED : Outcome.ALREADY_REFUSED;
    }
}
