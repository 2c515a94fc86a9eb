package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy's filesystem store removes a directory that a delete leaves empty, under a PUT into it: that PUT is tried
 * again, and only that one.
 */
class VanishingDirectoryRetryTest {
    private static final String BUCKET = "b";
    private static final byte[] BODY = {1, 2, 3};

    @TempDir
    Path folder;

    @Test
    void putsAndDeletesUnderOnePrefixAtOnce_allSucceed() throws InterruptedException {
        // Given two writers that each put an object under u/ and delete it again, so u/ keeps becoming empty
        // (on S3Proxy's store alone, this fails some puts every second on a two-core machine)
        BlobStore store = new VanishingDirectoryRetry(new FilesystemNio2BlobStore(folder.toString()));
        store.createContainer(BUCKET);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger puts = new AtomicInteger();
        long end = System.nanoTime() + 2_000_000_000L;
        Runnable writer = () -> {
            for (int i = 0; System.nanoTime() < end; i++) {
                String key = "u/" + Thread.currentThread().getName() + "-" + i;
                try {
                    store.putBlob(request(key), new ByteArrayInputStream(BODY));
                    puts.incrementAndGet();
                    try (InputStream stored = store.getBlob(
                            GetObjectRequest.builder().bucket(BUCKET).key(key).build())) {
                        assertArrayEquals(BODY, stored.readAllBytes());
                    }
                    store.removeBlob(BUCKET, key);
                } catch (Throwable failed) {
                    failures.add(failed);
                }
            }
        };

        // When they run side by side for two seconds
        Thread first = new Thread(writer, "x");
        Thread second = new Thread(writer, "y");
        first.start();
        second.start();
        first.join();
        second.join();

        // Then every put stored its whole body
        assertEquals(List.of(), failures, () -> "of " + puts.get() + " puts");
        assertTrue(puts.get() > 100, () -> "only " + puts.get() + " puts: the race was hardly tried");
    }

    @Test
    void aPutWhoseDirectoryVanishedBeforeItReadItsBody_isTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        BlobStore store = new VanishingDirectoryRetry(failingFirst(attempts, false,
                new RuntimeException(new NoSuchFileException("u/x-tmp"))));

        store.putBlob(request("u/x"), new ByteArrayInputStream(BODY));

        assertEquals(2, attempts.get());
    }

    @Test
    void aPutThatReadPartOfItsBody_orFailedOtherwise_failsAsItDid() {
        RuntimeException vanished = new RuntimeException(new NoSuchFileException("u/x-tmp"));
        AtomicInteger afterReading = new AtomicInteger();
        BlobStore reading = new VanishingDirectoryRetry(failingFirst(afterReading, true, vanished));
        assertSame(vanished, assertThrows(RuntimeException.class,
                () -> reading.putBlob(request("u/x"), new ByteArrayInputStream(BODY))));
        assertEquals(1, afterReading.get(), "a retry would store the body without its first byte");

        RuntimeException other = new UncheckedIOException(new IOException("disk full"));
        AtomicInteger otherwise = new AtomicInteger();
        BlobStore full = new VanishingDirectoryRetry(failingFirst(otherwise, false, other));
        assertSame(other, assertThrows(RuntimeException.class,
                () -> full.putBlob(request("u/y"), new ByteArrayInputStream(BODY))));
        assertEquals(1, otherwise.get());
    }

    @Test
    void aDirectoryThatKeepsVanishing_failsAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException vanished = new RuntimeException(new NoSuchFileException("u/x-tmp"));
        BlobStore store = new VanishingDirectoryRetry(new ForwardingBlobStore(
                new FilesystemNio2BlobStore(folder.toString())) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                attempts.incrementAndGet();
                throw vanished;
            }
        });

        assertSame(vanished, assertThrows(RuntimeException.class,
                () -> store.putBlob(request("u/x"), new ByteArrayInputStream(BODY))));
        assertEquals(VanishingDirectoryRetry.ATTEMPTS, attempts.get());
    }

    /** A real store whose first put fails with {@code failure}, after reading a byte of the body if asked to. */
    private BlobStore failingFirst(AtomicInteger attempts, boolean readFirst, RuntimeException failure) {
        FilesystemNio2BlobStore real;
        try {
            real = new FilesystemNio2BlobStore(Files.createTempDirectory(folder, "store").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        real.createContainer(BUCKET);
        return new ForwardingBlobStore(real) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                if (attempts.incrementAndGet() == 1) {
                    if (readFirst) {
                        try {
                            content.read();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    throw failure;
                }
                return super.putBlob(request, content);
            }
        };
    }

    private static PutObjectRequest request(String key) {
        return PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) BODY.length).build();
    }
}
