package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * STAND-IN for Pinhole's publish step until the real publisher is on this branch: the S3 work it cannot
 * avoid for every upload (read the object, write the published copy, delete the upload) and nothing else,
 * so its time is a lower bound of the publisher's. It takes the S3 event the real one will take; replacing
 * it with the publisher's handler in {@link CostComparison} is a one-line change.
 */
final class PublishStandIn implements RequestHandler<S3Event, Void> {
    static final String PUBLISHED_PREFIX = "published/";

    private final S3Client s3;

    PublishStandIn(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getKey();
            ResponseBytes<GetObjectResponse> upload = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key));
            s3.putObject(put -> put.bucket(bucket).key(PUBLISHED_PREFIX + key)
                            .contentType(upload.response().contentType()),
                    RequestBody.fromContentProvider(upload::asInputStream, upload.asByteArrayUnsafe().length,
                            upload.response().contentType()));
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        }
        return null;
    }
}
