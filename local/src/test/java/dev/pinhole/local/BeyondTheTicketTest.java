package dev.pinhole.local;

import static dev.pinhole.local.MisuseRunner.headers;
import static dev.pinhole.local.MisuseRunner.url;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.local.Misuse.Outcome;
import dev.pinhole.local.Misuse.Stored;
import dev.pinhole.testkit.SampleImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other S3 operations a ticket's URL could be turned into (multipart upload, ACL, tagging, list, delete,
 * POST, other sub-resources), and requests to the local S3 with no ticket at all. Every one must be refused
 * with nothing stored or removed; what the local S3 answered is kept in target/beyond-the-ticket.md (the table
 * in docs/SECURITY.md), beside what AWS S3 answers.
 */
class BeyondTheTicketTest {
    static final Path TABLE = Path.of("target/beyond-the-ticket.md");
    static final byte[] IMAGE = SampleImages.png(32, 24);
    static final String PUBLISHED = "i/APublishedImageKey00000.png";
    static final String SIGNATURE = "403 SignatureDoesNotMatch: the method, the path and every query parameter are"
            + " part of the canonical request [sigv4]";
    static final String ANONYMOUS = "403 AccessDenied: the bucket is private and Block Public Access is on [errors]";

    @TempDir
    static Path data;
    static LocalStack stack;
    static MisuseRunner runner;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of());
        runner = new MisuseRunner(stack, IMAGE);
        runner.putObject(stack.bucket(), PUBLISHED, "image/png", SampleImages.png(8, 8));
    }

    @AfterAll
    static void writeTableAndStop() {
        runner.writeTable(TABLE);
        stack.close();
    }

    @TestFactory
    Stream<DynamicTest> nothingElseIsReachable_withATicketOrWithout() {
        return Stream.concat(otherOperations(), withoutATicket())
                .map(misuse -> DynamicTest.dynamicTest(misuse.name(), () -> {
                    runner.run(misuse);
                    assertTrue(stack.store().blobExists(stack.bucket(), PUBLISHED), "the published image is still there");
                }));
    }

    /** The ticket's signature checked against another method or sub-resource: S3Proxy refuses, as S3 does. */
    private static Stream<Misuse> otherOperations() {
        return Stream.of(
                refused("multipart initiation: POST ?uploads with the ticket's query", 403, "SignatureDoesNotMatch",
                        SIGNATURE, t -> onTicketsKey(t, "POST", "uploads&")),
                refused("upload part: PUT ?partNumber=1&uploadId=x with the ticket's query", 403, "SignatureDoesNotMatch",
                        SIGNATURE, t -> onTicketsKey(t, "PUT", "partNumber=1&uploadId=x&")),
                refused("ACL: PUT ?acl with the ticket's query", 403, "SignatureDoesNotMatch", SIGNATURE,
                        t -> onTicketsKey(t, "PUT", "acl&")),
                // S3Proxy looks at ?tagging before the signature and answers with its own refusal.
                refused("tagging: PUT ?tagging with the ticket's query", 501, "NotImplemented",
                        SIGNATURE + ". The local S3 refuses it with another code; nothing is stored either way",
                        t -> onTicketsKey(t, "PUT", "tagging&")),
                refused("version: PUT ?versionId=1 with the ticket's query", 403, "SignatureDoesNotMatch", SIGNATURE,
                        t -> onTicketsKey(t, "PUT", "versionId=1&")),
                refused("response override: &response-content-type=text/html appended", 403, "SignatureDoesNotMatch",
                        SIGNATURE, t -> runner.send(t, "PUT", target(t) + "&response-content-type=text%2Fhtml", headers(t), IMAGE)),
                refused("POST to the ticket's URL", 403, "SignatureDoesNotMatch", SIGNATURE,
                        t -> runner.send(t, "POST", target(t), headers(t), IMAGE)),
                refused("DELETE with the ticket's URL", 403, "SignatureDoesNotMatch", SIGNATURE,
                        t -> runner.send(t, "DELETE", target(t), headers(t), new byte[0])),
                refused("HEAD with the ticket's URL", 403, null, "403 (a HEAD answer has no body, so no code) [sigv4]",
                        t -> runner.send(t, "HEAD", target(t), headers(t), new byte[0])),
                refused("list: GET the bucket with the ticket's query", 403, "SignatureDoesNotMatch", SIGNATURE,
                        t -> runner.send(t, "GET", "/" + stack.bucket() + "?" + query(t), headers(t), new byte[0])),
                refused("create a bucket: PUT /another-bucket with the ticket's query", 403, "SignatureDoesNotMatch",
                        SIGNATURE, BeyondTheTicketTest::createBucket));
    }

    /** No ticket at all: the local S3 refuses anonymous requests, as S3 does with a private bucket. */
    private static Stream<Misuse> withoutATicket() {
        byte[] form = ("--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\ni/by-form.png\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nnot really a png\r\n--XyZ--\r\n").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                refused("no ticket: PUT a key of one's choosing, unauthenticated", 403, "AccessDenied", ANONYMOUS,
                        t -> anonymous(t, "PUT", "/" + stack.bucket() + "/i/anonymous.png", Map.of(), IMAGE, "i/anonymous.png")),
                refused("no ticket: POST a browser form upload without a policy", 403, "AccessDenied",
                        "403 AccessDenied: a POST upload needs a signed policy [errors]",
                        t -> anonymous(t, "POST", "/" + stack.bucket(),
                                Map.of("Content-Type", "multipart/form-data; boundary=XyZ"), form, "i/by-form.png")),
                refused("no ticket: GET a published image straight from S3", 403, "AccessDenied", ANONYMOUS,
                        t -> anonymous(t, "GET", "/" + stack.bucket() + "/" + PUBLISHED, Map.of(), new byte[0], null)),
                refused("no ticket: list the bucket", 403, "AccessDenied", ANONYMOUS,
                        t -> anonymous(t, "GET", "/" + stack.bucket(), Map.of(), new byte[0], null)),
                refused("no ticket: DELETE a published image", 403, "AccessDenied", ANONYMOUS,
                        t -> anonymous(t, "DELETE", "/" + stack.bucket() + "/" + PUBLISHED, Map.of(), new byte[0], null)));
    }

    private static Misuse refused(String name, int status, String code, String aws, Function<JsonObject, Outcome> attempt) {
        return new Misuse(name, status, code, Stored.NOTHING, aws, attempt);
    }

    /** The ticket's own headers and body, to its key, with a sub-resource put before its query. */
    private static Outcome onTicketsKey(JsonObject ticket, String method, String subresource) {
        return runner.send(ticket, method, URI.create(url(ticket)).getRawPath() + "?" + subresource + query(ticket),
                headers(ticket), IMAGE);
    }

    private static Outcome createBucket(JsonObject ticket) {
        Outcome outcome = runner.send(ticket, "PUT", "/another-bucket?" + query(ticket), headers(ticket), IMAGE);
        return stack.store().containerExists("another-bucket") ? outcome.storedAt("another-bucket (a bucket)") : outcome;
    }

    private static Outcome anonymous(JsonObject ticket, String method, String target, Map<String, String> headers,
                                     byte[] body, String keyItWouldStore) {
        Outcome outcome = runner.send(ticket, method, target, headers, body);
        boolean stored = keyItWouldStore != null && stack.store().blobExists(stack.bucket(), keyItWouldStore);
        return stored ? outcome.storedAt(keyItWouldStore) : outcome;
    }

    private static String target(JsonObject ticket) {
        return URI.create(url(ticket)).getRawPath() + "?" + query(ticket);
    }

    private static String query(JsonObject ticket) {
        return URI.create(url(ticket)).getRawQuery();
    }
}
