package dev.pinhole.local;

import static dev.pinhole.local.MisuseRunner.headers;
import static dev.pinhole.local.MisuseRunner.url;
import static dev.pinhole.local.MisuseRunner.with;
import static dev.pinhole.local.MisuseRunner.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import dev.pinhole.local.Misuse.Outcome;
import dev.pinhole.local.Misuse.Stored;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a holder of a ticket can deviate from it, tried against the local S3 (S3Proxy behind its guard),
 * with what it answered recorded in target/misuse-matrix.md (the table in docs/SECURITY.md). Each row asserts
 * the refusal and, just as important, that nothing was stored under the ticket's key or any other.
 */
class MisuseMatrixTest {
    static final Path TABLE = Path.of("target/misuse-matrix.md");
    static final byte[] IMAGE = SampleImages.png(64, 48);
    /** Objects a copy could read: a published image, a file outside the image prefix, one in another bucket. */
    static final String PUBLISHED = "i/AnotherPublishedImage0.png";
    static final String PRIVATE = "private/notes.txt";
    static final String OTHER_BUCKET = "other-bucket";
    static final byte[] NOTES = "not an image, and not for the public".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path data;
    @TempDir
    static Path shortLivedData;
    static LocalStack stack;
    static LocalStack shortLived;
    static MisuseRunner runner;
    static JsonObject expiringTicket;

    @BeforeAll
    static void startStacks() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of());
        runner = new MisuseRunner(stack, IMAGE);
        runner.putObject(stack.bucket(), PUBLISHED, "image/png", SampleImages.png(8, 8));
        runner.putObject(stack.bucket(), PRIVATE, "text/plain", NOTES);
        runner.putObject(OTHER_BUCKET, PUBLISHED, "image/png", SampleImages.png(9, 9));
        // Issued first so that its one-second lifetime has long passed when its row runs.
        shortLived = LocalStack.start(LocalSettings.forTests(shortLivedData),
                Map.of("PINHOLE_URL_LIFETIME_SECONDS", "1"));
        expiringTicket = new TicketClient(shortLived.baseUrl()).requestTicket("png", IMAGE, true).json();
    }

    @AfterAll
    static void writeTableAndStop() {
        runner.writeTable(TABLE);
        stack.close();
        shortLived.close();
    }

    @TestFactory
    Stream<DynamicTest> s3RefusesEveryDeviationThatMatters_andStoresNothingButTheTicketsBytes() {
        return Stream.of(signedParts(), copies(), unsignedHeaders(), queryAuthentication(), lifetime())
                .flatMap(rows -> rows)
                .map(misuse -> DynamicTest.dynamicTest(misuse.name(), () -> runner.run(misuse)));
    }

    /** The request's signed parts changed: S3Proxy's signature check refuses these, as S3's does. */
    private static Stream<Misuse> signedParts() {
        return Stream.of(
                refused("Content-Type swapped (text/html instead of the signed image/png)", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch: Content-Type is one of the `X-Amz-SignedHeaders`, so the recomputed"
                                + " signature differs [sigv4] [errors]",
                        t -> runner.put(t, with(t, "content-type", "text/html"), IMAGE)),
                refused("body one byte longer than the signed Content-Length", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch (Content-Length is signed) [sigv4]",
                        t -> runner.put(t, headers(t), Arrays.copyOf(IMAGE, IMAGE.length + 1))),
                refused("body one byte shorter than the signed Content-Length", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch [sigv4]", t -> runner.put(t, headers(t), Arrays.copyOf(IMAGE, IMAGE.length - 1))),
                refused("another key in the URL path (i/chosen-by-client.png)", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch: the path is the canonical URI [sigv4]", MisuseMatrixTest::otherKey),
                refused("query tampered: X-Amz-Expires raised from 300 to 604800", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch: every query parameter but `X-Amz-Signature` is in the canonical"
                                + " query string [sigv4]",
                        t -> putTo(t, url(t).replace("X-Amz-Expires=300", "X-Amz-Expires=604800"), headers(t))),
                refused("query tampered: if-none-match removed from X-Amz-SignedHeaders, header not sent", 403,
                        "SignatureDoesNotMatch", "403 SignatureDoesNotMatch [sigv4]",
                        t -> putTo(t, url(t).replace("%3Bif-none-match", ""), without(t, "if-none-match"))),
                refused("query tampered: an extra parameter appended (&x-id=PutObject)", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch [sigv4]", t -> putTo(t, url(t) + "&x-id=PutObject", headers(t))),
                refused("signed header left out: If-None-Match", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch [sigv4]", t -> runner.put(t, without(t, "if-none-match"), IMAGE)),
                refused("signed header left out: x-amz-checksum-sha256", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch [sigv4]", t -> runner.put(t, without(t, "x-amz-checksum-sha256"), IMAGE)),
                refused("bytes that do not match the signed x-amz-checksum-sha256 (one bit flipped)", 400, "BadDigest",
                        "400 BadDigest [errors] [integrity]", t -> runner.put(t, headers(t), flipOneBit(IMAGE))),
                refused("another host in the URL: localhost instead of the signed 127.0.0.1", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch: `host` is always signed [sigv4]",
                        t -> putTo(t, url(t).replace("//127.0.0.1:", "//localhost:"), headers(t))),
                refused("Host header changed (connection to 127.0.0.1, Host: localhost)", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch [sigv4]",
                        t -> runner.put(t, with(t, "Host", "localhost:" + URI.create(url(t)).getPort()), IMAGE)),
                refused("Content-Length left out (body sent chunked)", 403, "SignatureDoesNotMatch",
                        "refused: 403 SignatureDoesNotMatch (signed header missing) or 411 MissingContentLength [errors]",
                        MisuseMatrixTest::chunked),
                refused("upload URL used with GET (to read instead of write)", 403, "SignatureDoesNotMatch",
                        "403 SignatureDoesNotMatch: the method is part of the canonical request [sigv4]",
                        t -> runner.send(t, "GET", URI.create(url(t)).getRawPath() + "?" + URI.create(url(t)).getRawQuery(),
                                Map.of(), new byte[0])),
                // Not refused by S3Proxy nor by AWS S3: only host and x-amz-* must be signed.
                new Misuse("unsigned standard header added: Content-Disposition: attachment; filename=x.html", 200, null,
                        Stored.TICKETS_BYTES, "expected **accepted** as well: only `host` and `x-amz-*` headers must"
                                + " be signed [sigv4]. See open items",
                        t -> runner.put(t, with(t, "content-disposition", "attachment; filename=x.html"), IMAGE)));
    }

    /**
     * The ticket's PUT turned into a CopyObject with an unsigned x-amz-copy-source. S3Proxy alone answered 200
     * CopyObjectResult to each, storing the source under the ticket's key or over the published image.
     */
    private static Stream<Misuse> copies() {
        String aws = "403 AccessDenied, \"There were headers present in the request which were not signed\" [sigv4];"
                + " signed or not, a copy needs `s3:GetObject` on the source [copy], which the ticket's role lacks";
        return Stream.of(
                refused("copy from another key: x-amz-copy-source: /" + stack.bucket() + "/" + PUBLISHED, 403, "AccessDenied", aws,
                        t -> runner.put(t, with(t, "x-amz-copy-source", "/" + stack.bucket() + "/" + PUBLISHED), IMAGE)),
                refused("copy from outside the image prefix: x-amz-copy-source: /" + stack.bucket() + "/" + PRIVATE, 403,
                        "AccessDenied", aws,
                        t -> runner.put(t, with(t, "x-amz-copy-source", "/" + stack.bucket() + "/" + PRIVATE), IMAGE)),
                refused("copy from another bucket: x-amz-copy-source: /" + OTHER_BUCKET + "/" + PUBLISHED, 403,
                        "AccessDenied", aws,
                        t -> runner.put(t, with(t, "x-amz-copy-source", "/" + OTHER_BUCKET + "/" + PUBLISHED), IMAGE)),
                new Misuse("copy over a published image: its used ticket again, with x-amz-copy-source: /" + stack.bucket() + "/"
                        + PRIVATE + " (S3Proxy ignores If-None-Match on a copy)", 403, "AccessDenied",
                        Stored.ORIGINAL_UNCHANGED, aws, MisuseMatrixTest::copyOverPublished));
    }

    /** Headers S3 acts on, added without being signed. S3Proxy alone acted on them or refused with its own code. */
    private static Stream<Misuse> unsignedHeaders() {
        String aws = "403 AccessDenied, \"There were headers present in the request which were not signed\":"
                + " every `x-amz-*` header sent must be in `X-Amz-SignedHeaders` [sigv4]";
        return Stream.of(
                unsigned("x-amz-acl", "public-read", "S3Proxy alone: 200, and made the stored file world-readable", aws
                        + "; with ACLs disabled (`BucketOwnerEnforced`, as in the template) S3 refuses ACLs anyway [ownership]"),
                unsigned("x-amz-meta-note", "hello", "S3Proxy alone: 200, metadata stored", aws),
                unsigned("x-amz-tagging", "secret=yes", "S3Proxy alone: 501 NotImplemented", aws),
                unsigned("x-amz-storage-class", "GLACIER", "S3Proxy alone: 200", aws),
                unsigned("x-amz-website-redirect-location", "https://example.com/", "S3Proxy alone: 501", aws),
                unsigned("x-amz-server-side-encryption", "AES256", "S3Proxy alone: 501", aws),
                unsigned("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
                        "S3Proxy alone: 501", aws),
                unsigned("x-amz-object-lock-mode", "GOVERNANCE", "S3Proxy alone: 501", aws),
                unsigned("x-amz-checksum-crc32", "AAAAAA==", "a second checksum; S3Proxy alone: 400 InvalidRequest", aws),
                unsigned("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "S3Proxy alone: 200; it reads this header to choose"
                        + " how to frame the body", aws + " (one third-party report says S3 lets this one header pass"
                        + " unsigned; the local stack refuses it)"),
                refused("an Authorization header added to the presigned URL", 400, "InvalidArgument",
                        "400 InvalidArgument, \"Only one auth mechanism allowed\" [errors]",
                        t -> runner.put(t, with(t, "authorization", "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/"
                                + "aws4_request, SignedHeaders=host, Signature=00"), IMAGE)));
    }

    /**
     * Authentication parameters S3 would not accept but S3Proxy alone read leniently (it compares names without
     * letter case and takes the first of a repeated one): each of these was a 200, the copies CopyObjects.
     */
    private static Stream<Misuse> queryAuthentication() {
        String copy = "&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost%3Bif-none-match%3Bx-amz-checksum-sha256"
                + "%3Bx-amz-copy-source";
        String expectedMismatch = "expected 403 SignatureDoesNotMatch: every query parameter is signed, so a repeated"
                + " one no longer matches [sigv4]";
        return Stream.of(
                refused("query: an authentication parameter repeated (&X-Amz-Date=20300101T000000Z appended)", 403,
                        "SignatureDoesNotMatch", expectedMismatch,
                        t -> putTo(t, url(t) + "&X-Amz-Date=20300101T000000Z", headers(t))),
                refused("query: a second, bogus X-Amz-Signature appended", 403, "SignatureDoesNotMatch", expectedMismatch,
                        t -> putTo(t, url(t) + "&X-Amz-Signature=00", headers(t))),
                refused("query: x-amz-copy-source sent and listed in a second X-Amz-SignedHeaders", 403,
                        "SignatureDoesNotMatch", expectedMismatch,
                        t -> putTo(t, url(t) + copy, with(t, "x-amz-copy-source", "/" + stack.bucket() + "/" + PUBLISHED))),
                refused("query: X-Amz-SignedHeaders spelled x-amz-signedheaders, listing x-amz-copy-source, which is sent",
                        400, "AuthorizationQueryParametersError", "400 AuthorizationQueryParametersError: the parameter"
                                + " names are exact, so a required one is missing [errors] (expected)",
                        t -> putTo(t, url(t).replace("X-Amz-SignedHeaders=", "x-amz-signedheaders=")
                                .replace("x-amz-checksum-sha256&", "x-amz-checksum-sha256%3Bx-amz-copy-source&"),
                                with(t, "x-amz-copy-source", "/" + stack.bucket() + "/" + PUBLISHED))),
                refused("query: X-Amz-SignedHeaders percent-encoded as X-Amz-Signed%48eaders, x-amz-copy-source sent",
                        403, "AccessDenied", "403 AccessDenied (HeadersNotSigned): names are compared decoded (expected)",
                        t -> putTo(t, url(t).replace("X-Amz-SignedHeaders=", "X-Amz-Signed%48eaders="),
                                with(t, "x-amz-copy-source", "/" + stack.bucket() + "/" + PUBLISHED))),
                new Misuse("query: X-Amz-SignedHeaders percent-encoded as X-Amz-Signed%48eaders, nothing else changed",
                        200, null, Stored.TICKETS_BYTES, "expected accepted as well: the same parameter once decoded",
                        t -> putTo(t, url(t).replace("X-Amz-SignedHeaders=", "X-Amz-Signed%48eaders="), headers(t))));
    }

    private static Stream<Misuse> lifetime() {
        return Stream.of(
                refused("expired URL (1 s lifetime, used after it)", 403, "AccessDenied", "403 AccessDenied (\"Request has"
                        + " expired\"): a presigned URL works only until its expiration time [presigned] [errors]",
                        t -> expired()),
                // While the first upload waits under u/, S3 answers a replay 412. Once it is published the upload
                // key is free again, S3 stores the replay, and the publisher drops it: the link never changes.
                new Misuse("replay: the same ticket used again after its image was published", 200, null,
                        Stored.ORIGINAL_UNCHANGED, "the same: 200, then the publisher drops the upload because the name"
                                + " is published (docs/PUBLISHING.md); before publishing, 412 Precondition Failed."
                                + " Without `If-None-Match` on the public PUT a replay would *replace* the image: a"
                                + " presigned URL can be used many times until it expires [presigned]",
                        MisuseMatrixTest::replay));
    }

    private static Misuse refused(String name, int status, String code, String aws,
                                  Function<JsonObject, Outcome> attempt) {
        return new Misuse(name, status, code, Stored.NOTHING, aws, attempt);
    }

    private static Misuse unsigned(String header, String value, String before, String aws) {
        return refused("unsigned header added: " + header + ": " + value + " (" + before + ")", 403, "AccessDenied", aws,
                t -> runner.put(t, with(t, header, value), IMAGE));
    }

    private static Outcome otherKey(JsonObject ticket) {
        String chosen = "i/chosen-by-client.png";
        Outcome outcome = putTo(ticket, url(ticket).replace(TicketClient.uploadKey(ticket), chosen), headers(ticket));
        return stack.store().blobExists(stack.bucket(), chosen) ? outcome.storedAt(chosen) : outcome;
    }

    private static Outcome chunked(JsonObject ticket) {
        URI upload = URI.create(url(ticket));
        Map<String, String> headers = new LinkedHashMap<>(headers(ticket));
        headers.put("Transfer-Encoding", "chunked");
        byte[] chunkedBody = chunk(IMAGE);
        return Outcome.of(RawHttp.sendWithoutLength(upload, "PUT", upload.getRawPath() + "?" + upload.getRawQuery(),
                headers, chunkedBody));
    }

    private static byte[] chunk(byte[] body) {
        byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(head, head.length + body.length + tail.length);
        System.arraycopy(body, 0, result, head.length, body.length);
        System.arraycopy(tail, 0, result, head.length + body.length, tail.length);
        return result;
    }

    private static Outcome copyOverPublished(JsonObject ticket) {
        assertEquals(200, runner.client.upload(ticket, IMAGE).status());
        return runner.put(ticket, with(ticket, "x-amz-copy-source", "/" + stack.bucket() + "/" + PRIVATE), IMAGE);
    }

    private static Outcome expired() {
        Instant expiresAt = Instant.parse(expiringTicket.get("expiresAt").getAsString());
        sleepUntil(expiresAt.plus(Duration.ofMillis(1100)));
        Outcome outcome = Outcome.of(new TicketClient(shortLived.baseUrl()).upload(expiringTicket, IMAGE));
        assertFalse(shortLived.store().blobExists(shortLived.bucket(), expiringTicket.get("key").getAsString()));
        return outcome;
    }

    private static Outcome replay(JsonObject ticket) {
        runner.client.uploadAndAwaitPublished(ticket, IMAGE);
        // The status says published once the image is written; the upload is deleted right after it.
        awaitGone(TicketClient.uploadKey(ticket));
        // The ticket pins the checksum, so only the same bytes can be replayed; the link must still not change.
        Outcome outcome = runner.put(ticket, headers(ticket), IMAGE);
        awaitGone(TicketClient.uploadKey(ticket));
        return outcome;
    }

    private static void awaitGone(String uploadKey) {
        Await.until(() -> !stack.store().blobExists(stack.bucket(), uploadKey));
    }

    /** The ticket's PUT of its image to another URL (the ticket's, tampered with), sent exactly as written. */
    private static Outcome putTo(JsonObject ticket, String url, Map<String, String> headers) {
        URI target = URI.create(url);
        return Outcome.of(RawHttp.send(target, "PUT", target.getRawPath() + "?" + target.getRawQuery(), headers, IMAGE));
    }

    private static byte[] flipOneBit(byte[] image) {
        byte[] copy = image.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private static void sleepUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis); // a URL's lifetime can only be passed by waiting it out
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
