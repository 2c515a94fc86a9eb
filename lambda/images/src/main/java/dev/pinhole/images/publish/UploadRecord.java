package dev.pinhole.images.publish;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.pinhole.core.ImageKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one record of an S3 notification defensively: any part may be absent in an event that was not sent by
 * S3 (a test, a replay from the failure queue by hand), and the key arrives URL-encoded, spaces as '+'.
 */
final class UploadRecord {
    private UploadRecord() {
    }

    /** Why this record is not an upload of this stack's bucket, or empty when it is one. */
    static Optional<String> whyNot(S3EventNotificationRecord record, String bucket) {
        if (record == null || record.getS3() == null || record.getS3().getBucket() == null
                || record.getS3().getObject() == null || record.getS3().getObject().getKey() == null) {
            return Optional.of("the record names no bucket or object");
        }
        String eventName = record.getEventName() == null ? "" : record.getEventName();
        if (!eventName.startsWith("ObjectCreated:")) {
            return Optional.of("it is a " + (eventName.isEmpty() ? "nameless" : eventName) + " event");
        }
        if (!bucket.equals(record.getS3().getBucket().getName())) {
            return Optional.of("it is in another bucket");
        }
        if (key(record).isEmpty()) {
            return Optional.of("no ticket issues an upload key like that");
        }
        return Optional.empty();
    }

    static Optional<ImageKey> key(S3EventNotificationRecord record) {
        String encoded = record.getS3().getObject().getKey();
        try {
            return ImageKey.parseUploadKey(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
            return Optional.empty();
        }
    }

    /** Bucket and key for the log, shortened: a hostile key may be 1,024 bytes of anything. */
    static String describe(S3EventNotificationRecord record) {
        if (record == null || record.getS3() == null) {
            return "a record";
        }
        String bucketName = record.getS3().getBucket() == null ? "?" : record.getS3().getBucket().getName();
        String key = record.getS3().getObject() == null ? "?" : record.getS3().getObject().getKey();
        String shown = key == null ? "?" : key.length() > 100 ? key.substring(0, 100) + "..." : key;
        return "s3://" + bucketName + "/" + shown.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
