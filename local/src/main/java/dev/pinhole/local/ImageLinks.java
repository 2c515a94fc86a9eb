package dev.pinhole.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.pinhole.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Serves GET/HEAD /i/* from the bucket as CloudFront does in production: stored Content-Type, ETag and
 * Cache-Control (a year, immutable, as a key never changes content; no longer than what is left of the lifetime of
 * an image that has one), single Range requests and conditional requests.
 *
 * <p>Of what S3 stores with an object, only those three reach viewers: every response header is set here by
 * name, and the object's user metadata (x-amz-meta-*: the delete-token hash, the lifetime, what the publisher
 * removed) never is, as CloudFront's response headers policy removes it in production.
 */
public final class ImageLinks implements HttpHandler {
    /**
     * Checked against the raw, undecoded path: only keys the ticket handler can mint get through, so
     * "..", "%2e%2e", encoded slashes and other prefixes never reach the store.
     */
    static final Pattern KEY_PATH = Pattern.compile("/(i/[A-Za-z0-9_-]{22,64}\\.[a-z0-9]{1,10})");
    /** For an object stored without Cache-Control (the publisher always sets one). */
    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    /** An image opened on its own may not run or load anything. The template's image policy sends the same. */
    public static final String IMAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    private final BlobStore store;
    private final String bucket;

    ImageLinks(BlobStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (Responses.refusedUnlessRead(exchange, "Images")) {
                return;
            }
            var matcher = KEY_PATH.matcher(exchange.getRequestURI().getRawPath());
            HeadObjectResponse head = matcher.matches() ? store.blobMetadataIfPresent(bucket, matcher.group(1)) : null;
            if (head == null) {
                // Not published yet, perhaps: a link opened a moment early must not stay "not found" in a cache.
                exchange.getResponseHeaders().set("cache-control", "no-store");
                Responses.error(exchange, ErrorCode.NOT_FOUND, "There is no image at this link (yet: an upload is "
                        + "checked before its link works).");
                return;
            }
            serve(exchange, matcher.group(1), head);
        }
    }

    private void serve(HttpExchange exchange, String key, HeadObjectResponse head) throws IOException {
        long total = head.contentLength();
        String etag = quoted(head.eTag());
        Headers headers = exchange.getResponseHeaders();
        headers.set("etag", etag);
        headers.set("cache-control", head.cacheControl() == null ? CACHE_FOREVER : head.cacheControl());
        headers.set("x-content-type-options", "nosniff");
        headers.set("content-security-policy", IMAGE_CSP);
        headers.set("accept-ranges", "bytes");
        if (matchesEtag(exchange.getRequestHeaders().getFirst("if-none-match"), etag)) {
            Responses.send(exchange, 304, new byte[0]);
            return;
        }
        headers.set("content-type", head.contentType() == null ? "application/octet-stream" : head.contentType());
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(exchange.getRequestHeaders().getFirst("range"), total);
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            headers.set("content-range", "bytes */" + total);
            Responses.error(exchange, ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is outside the image.");
            return;
        }
        range.ifPresent(r -> headers.set("content-range", r.contentRange(total)));
        stream(exchange, key, range, total);
    }

    private void stream(HttpExchange exchange, String key, Optional<ByteRange> range, long total) throws IOException {
        int status = range.isPresent() ? 206 : 200;
        long length = range.map(ByteRange::length).orElse(total);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("content-length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key);
        range.ifPresent(r -> get.range("bytes=" + r.first() + "-" + r.last()));
        try (InputStream in = store.getBlob(get.build())) {
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static boolean matchesEtag(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }
}
