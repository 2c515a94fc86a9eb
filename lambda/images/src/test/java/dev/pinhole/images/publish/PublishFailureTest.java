package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.Events;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failing at each step of a publish, forced at the client seam (the real client otherwise): the invocation
 * throws so Lambda retries it, and the retry with a working S3 ends in exactly one public image.
 */
class PublishFailureTest {
    static TestBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    private static S3Client failing(Consumer<S3Client> stubbing) {
        S3Client client = mock(S3Client.class, withSettings().defaultAnswer(AdditionalAnswers.delegatesTo(bucket.client())));
        stubbing.accept(client);
        return client;
    }

    private static PublishHandler handler(S3Client client) {
        return new PublishHandler(client, TestBucket.NAME, PublishHandlerTest.TINY_AS_PNG, PublishLimits.DEFAULT,
                PublishHandlerTest.CLOCK);
    }

    private static S3Exception s3Error(int status) {
        return (S3Exception) S3Exception.builder().statusCode(status).message("injected " + status).build();
    }

    @Test
    void crashBetweenThePublicPutAndTheUploadsDelete_isFinishedByTheRetry() {
        // Given a publisher whose DELETE of the upload fails, as if the function died right after the public PUT
        byte[] image = TinyFormat.image(16, 16, false);
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), image);
        S3Client deleteFails = failing(client -> doThrow(s3Error(503)).when(client)
                .deleteObject(any(DeleteObjectRequest.class)));

        // When the event is delivered, the invocation fails (Lambda will retry), with the image already whole
        assertThrows(S3Exception.class, () -> handler(deleteFails).handleRequest(event(key), null));
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
        assertTrue(bucket.exists(key.uploadKey()));

        // Then the retry only deletes the upload: one image, unchanged
        assertEquals(List.of(Outcome.ALREADY_PUBLISHED), handler(bucket.client()).publishAll(event(key)));
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void failedPublicPut_leavesTheUploadForTheRetry_andNothingPublic() {
        byte[] image = TinyFormat.image(16, 16, false);
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), image);
        S3Client putFails = failing(client -> doThrow(s3Error(500)).when(client)
                .putObject(any(PutObjectRequest.class), any(RequestBody.class)));

        assertThrows(S3Exception.class, () -> handler(putFails).handleRequest(event(key), null));
        assertFalse(bucket.exists(key.publicKey()));
        assertTrue(bucket.exists(key.uploadKey()));

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, handler(bucket.client()).publishAll(event(key)), "retry");
        assertArrayEquals(image, bucket.get(key.publicKey()).orElseThrow());
    }

    @Test
    void networkFailureReadingTheUpload_isThrownForARetry_notTakenForARefusal() {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(4, 4, false));
        S3Client getFails = failing(client -> doThrow(SdkClientException.create("connection reset")).when(client)
                .getObject(any(GetObjectRequest.class)));

        assertThrows(SdkClientException.class, () -> handler(getFails).handleRequest(event(key), null));

        assertFalse(bucket.exists(key.refusalKey()));
        assertTrue(bucket.exists(key.uploadKey()));
    }

    @Test
    void failedRefusalRecord_leavesTheUploadForTheRetry() {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), new byte[] {1, 2, 3});
        S3Client putFails = failing(client -> doThrow(s3Error(503)).when(client)
                .putObject(any(PutObjectRequest.class), any(RequestBody.class)));

        assertThrows(S3Exception.class, () -> handler(putFails).handleRequest(event(key), null));
        assertTrue(bucket.exists(key.uploadKey()));

        // (ALREADY_REFUSED too: when the SDK retries a PUT whose first attempt was stored, S3 answers 412)
        List<Outcome> retry = handler(bucket.client()).publishAll(event(key));
        assertTrue(retry.equals(List.of(Outcome.REFUSED)) || retry.equals(List.of(Outcome.ALREADY_REFUSED)),
                retry.toString());
        assertTrue(bucket.exists(key.refusalKey()));
        assertFalse(bucket.exists(key.uploadKey()));
    }

    private static com.amazonaws.services.lambda.runtime.events.S3Event event(ImageKey key) {
        return Events.s3("s3-object-created-put.json", key.uploadKey());
    }
}
