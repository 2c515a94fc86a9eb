package dev.pinhole.images.publish;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.store.ImageBucket;
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
 *       image nor publish a name that was refused.</li>
 * </ul>
 */
final class Publisher {
    private final ImageBucket bucket;
    private final FormatLookup formats;
    private final PublishLimits limits;
    private final ImageCheck check;
    private final Clock clock;
    private final PublishLog log;

    Publisher(ImageBucket bucket, FormatLookup formats, PublishLimits limits, Clock clock, PublishLog log) {
        this.bucket = bucket;
        this.formats = formats;
        this.limits = limits;
        this.check = new ImageCheck(limits, log);
        this.clock = clock;
        this.log = log;
    }

    Outcome publish(ImageKey key) {
        if (bucket.exists(key.publicKey())) {
            bucket.deleteUpload(key);
            return Outcome.ALREADY_PUBLISHED;
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
            return refuse(key, RefusalReason.TOO_LARGE, tooLarge.size() + " bytes, over " + limits.maxBytes());
        }
        byte[] bytes = ((Upload.Bytes) upload).content();
        Verdict verdict = check.check(key.name(), formats.forExtension(key.extension()), bytes);
        if (verdict instanceof Verdict.Refused refused) {
            return refuse(key, refused.reason(), refused.detail());
        }
        var cleaning = ((Verdict.Accepted) verdict).cleaning();
        boolean written = bucket.putPublic(key, cleaning.bytes(), cleaning.removed());
        bucket.deleteUpload(key);
        return written ? Outcome.PUBLISHED : Outcome.ALREADY_PUBLISHED;
    }

    private Outcome refuse(ImageKey key, RefusalReason reason, String detail) {
        log.refused(key.name(), reason.code(), detail);
        RefusalRecord record = new RefusalRecord(reason.code(), reason.message(), clock.instant());
        boolean written = bucket.putRefusal(key, record.toJson());
        bucket.deleteUpload(key);
        return written ? Outcome.REFUSED : Outcome.ALREADY_REFUSED;
    }
}
