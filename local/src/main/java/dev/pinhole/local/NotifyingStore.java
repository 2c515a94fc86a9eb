package dev.pinhole.local;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy's store with S3's event notifications added, one {@link Rule} per notification of the image bucket in
 * template.yaml: after each completed PUT under a rule's prefix, the ObjectCreated event is queued for the rule's
 * function (uploads under u/ for the publisher, pending-invalidation markers under p/ for the invalidator). Only
 * completed writes: a PUT that fails or is cut off throws before the event.
 */
final class NotifyingStore extends ForwardingBlobStore {
    /** S3's notification configuration: objects created under {@code prefix} go to {@code delivery}. */
    record Rule(String prefix, String configurationId, EventDelivery delivery) {
    }

    private final String bucket;
    private final String region;
    private final List<Rule> rules;
    private final Clock clock;

    NotifyingStore(BlobStore store, String bucket, String region, List<Rule> rules, Clock clock) {
        super(store);
        this.bucket = bucket;
        this.region = region;
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (bucket.equals(request.bucket())) {
            notifyCreated(request.key());
        }
        return response;
    }

    /** Queues the event S3 would send for this object, if a rule covers its key and it (still) exists. */
    void notifyCreated(String key) {
        Optional<Rule> rule = ruleFor(key);
        if (rule.isEmpty()) {
            return;
        }
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        if (head != null) {
            rule.get().delivery().deliver(S3Notifications.objectCreated(region, bucket, key, head.contentLength(),
                    head.eTag() == null ? "" : head.eTag(), clock.instant(), rule.get().configurationId()));
        }
    }

    /** The prefixes of the rules, for the start's sweep. */
    List<String> notifiedPrefixes() {
        return rules.stream().map(Rule::prefix).toList();
    }

    private Optional<Rule> ruleFor(String key) {
        // S3 refuses overlapping prefixes in one bucket's notifications, so at most one rule matches.
        return rules.stream().filter(rule -> key.startsWith(rule.prefix())).findFirst();
    }
}
