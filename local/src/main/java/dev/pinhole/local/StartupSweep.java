package dev.pinhole.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a start does about the time the stack was down, before it serves anyone:
 * <ul>
 *   <li>removes the {@code <key>-<uuid>} files S3Proxy's filesystem store writes a PUT into before renaming it
 *       into place: a kill mid-upload (SIGKILL, a crash, a power cut) leaves them behind, whole megabytes each;</li>
 *   <li>publishes the uploads that are waiting (they landed while the stack was down, or their last delivery
 *       failed), by sending their events again, and likewise the pending invalidations (what the invalidator's
 *       schedule does on AWS). Handling an event twice is harmless, so nothing needs remembering.</li>
 * </ul>
 */
final class StartupSweep {
    /** A name S3Proxy gives a file being written: the key, '-', a random UUID. Keys Pinhole writes never end so. */
    static final Pattern TEMP_FILE = Pattern.compile(
            ".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private StartupSweep() {
    }

    /** Deletes the temp files left in the bucket's folder; returns them (relative to the folder), for the log. */
    static List<Path> removeTempFiles(Path bucketFolder) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(bucketFolder)) {
            return removed;
        }
        try (Stream<Path> files = Files.walk(bucketFolder)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> TEMP_FILE.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(file);
                removed.add(bucketFolder.relativize(file));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot clean " + bucketFolder, failed);
        }
        return removed;
    }

    /**
     * Sends an ObjectCreated event for every object under a notified prefix (uploads, pending invalidations);
     * returns how many.
     */
    static int redeliverWaiting(BlobStore store, String bucket, NotifyingStore notifier) {
        int count = 0;
        for (String prefix : notifier.notifiedPrefixes()) {
            String token = null;
            do {
                ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(bucket)
                        .prefix(prefix).continuationToken(token).build());
                for (S3Object object : page.contents()) {
                    notifier.notifyCreated(object.key());
                    count++;
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        }
        return count;
    }
}
