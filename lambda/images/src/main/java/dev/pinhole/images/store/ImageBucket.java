package dev.pinhole.images.store;

import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageTypes;
import dev.pinhole.core.Lifetime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The image bucket as the image functions use it: the few operations they need, each with S3's answers turned
 * into what they mean here. "Not there" is an answer, not an error; every other failure (5xx, network,
 * credentials) is thrown, so that Lambda retries the invocation.
 */
public final class ImageBucket {
    /**
     * Published images never change (names are never reused), so caches may keep one that is kept until deleted
     * for a year; a delete invalidates CloudFront's copy.
     */
    public static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final S3Client s3;
    private final String bucket;

    public ImageBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    // Requests are built whole rather than with the SDK's Consumer<Builder> shorthand: one call per operation,
    // which is also the one a test stubs to make S3 fail at that step.

    /**
     * Reads an upload into one array of exactly its size; an upload over {@code maxBytes} is not read at all.
     */
    public Upload readUpload(ImageKey key, long maxBytes) {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key.uploadKey()).build());
        } catch (S3Exception failed) {
            if (isMissing(failed)) {
                return new Upload.Gone();
            }
            throw failed;
        }
        try (in) {
            Long length = in.response().contentLength();
            if (length == null || length > maxBytes) {
                // Closing without reading: the JDK's HTTP client drains a short remainder to keep the connection
                // and drops the connection otherwise. (abort() here left a broken connection in the pool, and the
                // next request on it failed and was retried.)
                return new Upload.TooLarge(length == null ? -1 : length);
            }
            return new Upload.Bytes(readExactly(in, length.intValue()), in.response().metadata());
        } catch (IOException failed) {
            throw new UncheckedIOException("reading " + key.uploadKey() + " failed", failed);
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] content = new byte[length];
        int read = in.readNBytes(content, 0, length);
        if (read != length) {
            throw new IOException("the object ended after " + read + " of " + length + " bytes");
        }
        return content;
    }

    /** The object's metadata, or empty when there is no such object. */
    public Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()));
        } catch (S3Exception failed) {
            if (isMissing(failed)) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    public boolean exists(String key) {
        return head(key).isPresent();
    }

    /**
     * Writes the published image unless one exists: {@code If-None-Match: *} makes the first writer win, so
     * neither a duplicate event nor a replayed ticket can replace an image once it is public. The lifetime tag is
     * part of the same PUT, so no image is ever public without the tag its lifecycle rule needs.
     *
     * @param length the image's size in bytes
     * @param image  the image's bytes, as a new stream each time it is asked (a retried PUT reads them again)
     * @return false when an image was there already
     */
    public boolean putPublic(ImageKey key, long length, ContentStreamProvider image, Publication publication) {
        PutObjectRequest.Builder put = conditionalPut(key.publicKey(), ImageTypes.contentType(key.extension()),
                publication.cacheControl(), publication.metadata());
        publication.tag().ifPresent(lifetime -> put.tagging(Tagging.builder()
                .tagSet(Tag.builder().key(Lifetime.TAG).value(lifetime.label()).build()).build()));
        return putIfAbsent(put.build(), length, image);
    }

    /** Writes a refusal record unless one exists. @return false when one was there already */
    public boolean putRefusal(ImageKey key, byte[] json) {
        // The array itself, not a copy (RequestBody.fromBytes copies).
        return putIfAbsent(conditionalPut(key.refusalKey(), "application/json", "no-store", Map.of()).build(),
                json.length, ContentStreamProvider.fromByteArrayUnsafe(json));
    }

    /**
     * Writes a deleted image's tombstone (its refusal record with the code {@value RefusalRecord#DELETED}) unless
     * the name has a record already. @return false when one was there (a refusal, or another delete's tombstone)
     */
    public boolean putTombstone(ImageKey key, Instant deletedAt) {
        return putRefusal(key, RefusalRecord.tombstone(deletedAt).toJson());
    }

    /** The name's refusal record or tombstone; {@link RefusalRecord#UNREADABLE} for one Pinhole did not write. */
    public Optional<RefusalRecord> record(ImageKey key) {
        return readSmall(key.refusalKey(), RefusalRecord.MAX_BYTES)
                .map(bytes -> RefusalRecord.parse(bytes).orElse(RefusalRecord.UNREADABLE));
    }

    private PutObjectRequest.Builder conditionalPut(String key, String contentType, String cacheControl,
                                                    Map<String, String> metadata) {
        return PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*").contentType(contentType)
                .cacheControl(cacheControl).metadata(metadata);
    }

    private boolean putIfAbsent(PutObjectRequest put, long length, ContentStreamProvider body) {
        try {
            s3.putObject(put, RequestBody.fromContentProvider(body, length, put.contentType()));
            return true;
        } catch (S3Exception failed) {
            if (failed.statusCode() == 412) {
                return false;
            }
            // 409 ConditionalRequestConflict (a concurrent write to the same key) is thrown too: the retry
            // then finds the object the other writer finished.
            throw failed;
        }
    }

    /** A small object's bytes (a refusal record), or empty when there is none. */
    public Optional<byte[]> readSmall(String key, int maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(
                GetObjectRequest.builder().bucket(bucket).key(key).build())) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new IllegalStateException(key + " is over " + maxBytes + " bytes; not written by Pinhole");
            }
            return Optional.of(content);
        } catch (S3Exception failed) {
            if (isMissing(failed)) {
                return Optional.empty();
            }
            throw failed;
        } catch (IOException failed) {
            throw new UncheckedIOException("reading " + key + " failed", failed);
        }
    }

    /** Deletes the upload; deleting one that is gone already succeeds too (S3 answers 204 either way). */
    public void deleteUpload(ImageKey key) {
        s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key.uploadKey()).build());
    }

    /** Deletes the published image: the link stops serving at the origin at once (CloudFront's copy remains). */
    public void deletePublic(ImageKey key) {
        s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key.publicKey()).build());
    }

    /**
     * 404, or 403 on a key that is not there: without s3:ListBucket (which would let the function list every
     * image), S3 answers a missing key with 403 AccessDenied rather than revealing whether it exists. The roles
     * grant s3:GetObject on exactly the prefixes these functions read (the template test checks it), so a 403
     * of AccessDenied (or a bodiless 403 to a HEAD) can only mean "no such object". Other 403s (a bad signature,
     * an unknown access key) are faults and thrown.
     */
    static boolean isMissing(S3Exception failed) {
        if (failed.statusCode() == 404) {
            return true;
        }
        if (failed.statusCode() != 403) {
            return false;
        }
        String code = failed.awsErrorDetails() == null ? null : failed.awsErrorDetails().errorCode();
        return code == null || code.isEmpty() || "AccessDenied".equals(code) || code.startsWith("403");
    }
}
