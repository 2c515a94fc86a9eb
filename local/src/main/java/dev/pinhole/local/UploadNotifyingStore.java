package dev.pinhole.local;

import dev.pinhole.core.ImageKey;
import java.io.InputStream;
import java.time.Clock;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy's store with S3's event notification added: after each completed PUT under the upload prefix of the
 * image bucket (the bucket's notification rule in template.yaml), the ObjectCreated event is queued for the
 * publisher. Only completed writes: a PUT that fails or is cut off throws before the event.
 */
final class UploadNotifyingStore extends ForwardingBlobStore {
    private final String bucket;
    private final String region;
    private final EventDelivery delivery;
    private final Clock clock;
    private final boolean enabled;

    UploadNotifyingStore(BlobStore store, String bucket, String region, EventDelivery delivery, Clock clock,
                         boolean enabled) {
        super(store);
        this.bucket = bucket;
        this.region = region;
        this.delivery = delivery;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (bucket.equals(request.bucket()) && request.key().startsWith(ImageKey.UPLOAD_PREFIX)) {
            notifyCreated(request.key());
        }
        return response;
    }

    /** Queues the event S3 would send for this object, if it (still) exists. */
    void notifyCreated(String key) {
        if (!enabled) {
            return;
        }
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        if (head != null) {
            delivery.deliver(S3Notifications.objectCreated(region, bucket, key, head.contentLength(),
                    head.eTag() == null ? "" : head.eTag(), clock.instant()));
        }
    }
}
