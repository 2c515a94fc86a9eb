package dev.pinhole.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy's filesystem store without one race of its own. The store keeps a directory per key prefix ({@code u/},
 * {@code i/}...) and removes a directory when a delete leaves it empty; a PUT into that directory at that moment
 * finds it gone as it creates its temporary file, and S3Proxy answers 500 InternalError, which S3 never does for
 * this. The publisher deletes each upload from {@code u/} while clients put theirs there, so with a few clients at
 * once some uploads failed. Such a PUT has not read a byte of its body yet, so it is tried again, and the store
 * then makes the directory anew. A PUT that failed any other way, or after reading its body, fails as before.
 */
final class VanishingDirectoryRetry extends ForwardingBlobStore {
    /** Each retry needs a delete to empty the same directory in the same microseconds again. */
    static final int ATTEMPTS = 5;

    VanishingDirectoryRetry(BlobStore store) {
        super(store);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        UnreadBody body = new UnreadBody(content);
        for (int attempt = 1; ; attempt++) {
            try {
                return super.putBlob(request, body);
            } catch (RuntimeException failed) {
                if (attempt == ATTEMPTS || body.read || !(failed.getCause() instanceof NoSuchFileException)) {
                    throw failed;
                }
            }
        }
    }

    /** The body, noting whether anything was taken from it (so that a retry is known to send all of it). */
    private static final class UnreadBody extends FilterInputStream {
        private boolean read;

        UnreadBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            read = true;
            return super.read();
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            read = true;
            return super.read(into, offset, length);
        }

        @Override
        public long skip(long n) throws IOException {
            read = true;
            return super.skip(n);
        }
    }
}
