package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The guard in front of the local S3, beyond the misuse matrix: how its refusals look to a browser, that it
 * never waits for a refused body, and that a copy is refused even when its header is signed.
 */
class PresignedRequestGuardTest {
    static final byte[] IMAGE = SampleImages.png(40, 30);
    static final String SOURCE = "i/SourceOfACopyAttempt000.png";

    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of());
        client = new TicketClient(stack.baseUrl());
        new MisuseRunner(stack, IMAGE).putObject(stack.bucket(), SOURCE, "image/png", SampleImages.png(8, 8));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void refusalSeenByThePage_isS3sXmlError_withTheCorsHeadersItNeedsToReadIt() {
        // Given a ticket, used from the page's origin with an unsigned x-amz-* header
        JsonObject ticket = ticket();
        URI upload = URI.create(MisuseRunner.url(ticket));
        Map<String, String> headers = new LinkedHashMap<>(TicketClient.headers(ticket));
        headers.put("Origin", stack.baseUrl().toString());
        headers.put("x-amz-meta-x", "y");

        // When it is sent
        RawHttp.Response response = RawHttp.send(upload, "PUT", upload.getRawPath() + "?" + upload.getRawQuery(),
                headers, IMAGE);

        // Then the answer is AWS's, readable cross-origin by the page
        assertEquals(403, response.status(), response.text());
        assertTrue(response.text().contains("Access-Control-Allow-Origin: " + stack.baseUrl()), response.text());
        assertTrue(response.text().contains("Content-Type: application/xml"), response.text());
        assertTrue(response.text().matches("(?s).*x-amz-request-id: [0-9A-F]{16}\r\n.*"), response.text());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>There were headers present in the request which were not signed</Message>"
                + "<HeadersNotSigned>x-amz-meta-x</HeadersNotSigned><RequestId>"), body);
        assertFalse(stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString()));
    }

    @Test
    void refusedUpload_isAnsweredBeforeItsBody_whichIsNeverRead() throws IOException {
        // Given a PUT that asks to be told before it sends its body (Expect: 100-continue), with a copy header
        JsonObject ticket = ticket();
        URI upload = URI.create(MisuseRunner.url(ticket));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(upload.getHost(), upload.getPort()), 5_000);
            socket.setSoTimeout(30_000); // a hang guard only
            StringBuilder head = new StringBuilder("PUT " + upload.getRawPath() + "?" + upload.getRawQuery()
                    + " HTTP/1.1\r\nHost: " + upload.getAuthority() + "\r\nContent-Length: " + IMAGE.length
                    + "\r\nExpect: 100-continue\r\nx-amz-copy-source: /" + stack.bucket() + "/" + SOURCE + "\r\n");
            TicketClient.headers(ticket).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // When the server answers, with not one byte of the body sent
            String statusLine = readLine(socket.getInputStream());

            // Then it is the refusal, not "100 Continue"
            assertEquals("HTTP/1.1 403 Forbidden", statusLine);
        }
        assertFalse(stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString()));
    }

    @Test
    void copyWhoseHeaderIsSigned_isRefusedToo_asAnUploadTicketMayReadNothing() {
        // Given a presigned PUT that does sign x-amz-copy-source (no ticket does; signed here with the S3 key)
        String key = "i/CopyWithASignedHeader000.png";
        PresignedPutObjectRequest presigned;
        try (S3Presigner presigner = presigner()) {
            presigned = presigner.presignPutObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(PutObjectRequest.builder().bucket(stack.bucket()).key(key)
                            .overrideConfiguration(o -> o.putHeader("x-amz-copy-source", "/" + stack.bucket() + "/" + SOURCE))
                            .build()));
        }
        assertTrue(presigned.signedHeaders().containsKey("x-amz-copy-source"), presigned.signedHeaders().toString());
        URI url = URI.create(presigned.url().toString());

        // When it is used
        RawHttp.Response response = RawHttp.send(url, "PUT", url.getRawPath() + "?" + url.getRawQuery(),
                Map.of("x-amz-copy-source", "/" + stack.bucket() + "/" + SOURCE), new byte[0]);

        // Then it is denied, and nothing was copied
        assertEquals(403, response.status(), response.text());
        assertEquals("AccessDenied", response.s3ErrorCode());
        assertTrue(response.text().contains("<Message>Access Denied</Message>"), response.text());
        assertFalse(stack.store().blobExists(stack.bucket(), key));
    }

    @Test
    void honestUploadFromThePage_passesTheGuard_withCors() {
        // Given a ticket used exactly as issued, from the page's origin
        JsonObject ticket = ticket();
        Map<String, String> headers = new LinkedHashMap<>(TicketClient.headers(ticket));
        headers.put("Origin", stack.baseUrl().toString());

        // When it is sent
        TicketClient.Reply put = client.put(URI.create(MisuseRunner.url(ticket)), headers, IMAGE);

        // Then it is stored, and the page may read the answer
        assertEquals(200, put.status(), put.text());
        assertEquals(stack.baseUrl().toString(), put.header("access-control-allow-origin"));
        assertArrayEquals(IMAGE, client.awaitServed(URI.create(ticket.get("url").getAsString())).body());
    }

    private static JsonObject ticket() {
        TicketClient.Reply reply = client.requestTicket("png", IMAGE, true);
        assertEquals(201, reply.status(), reply.text());
        return reply.json();
    }

    private static S3Presigner presigner() {
        DataDirectory.S3Credentials credentials = stack.s3Credentials();
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(stack.s3Endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.identity(), credentials.secret())))
                .build();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
