package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What happens when things go wrong around the stack: it is stopped in the middle of uploads and started again
 * on the same data, or it cannot start at all. Images must never be lost or half-visible, and a stack that
 * cannot start must say why in one line, without a stack trace.
 */
class FaultTest {
    static final int IN_FLIGHT = 6;
    static final int BODY_BYTES = 3 * 1024 * 1024;

    @TempDir
    Path data;

    @Test
    void stopDuringUploads_inFlightUploadsFail_nothingPartialIsVisible_andFreshTicketsWorkAfterRestart()
            throws Exception {
        byte[] kept = SampleImages.noisyPng(512 * 1024, 1);
        String keptKey;
        List<String> inFlightKeys = new ArrayList<>();
        List<Socket> inFlight = new ArrayList<>();
        try (LocalStack first = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            TicketClient client = new TicketClient(first.baseUrl());
            JsonObject done = ticket(client, kept);
            client.uploadAndAwaitPublished(done, kept);
            keptKey = done.get("key").getAsString();
            // Given uploads that have sent their headers and half their bytes when the stack goes away
            for (int i = 0; i < IN_FLIGHT; i++) {
                byte[] body = randomBytes(100 + i, BODY_BYTES);
                JsonObject ticket = ticket(client, body);
                inFlightKeys.add(ticket.get("key").getAsString());
                inFlight.add(startUpload(ticket, body, BODY_BYTES / 2));
            }
        } // When the stack stops (close() here), uploads are cut off mid-body

        // Then every in-flight upload fails on the client's side: no 200 ever arrives
        for (int i = 0; i < IN_FLIGHT; i++) {
            assertFalse(finishUpload(inFlight.get(i), randomBytes(100 + i, BODY_BYTES), BODY_BYTES / 2),
                    "an upload cut off by the stop must not be reported as stored");
        }

        try (LocalStack second = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            TicketClient client = new TicketClient(second.baseUrl());
            // and no partial object exists, in the store or at a link
            List<String> stored = second.store().list(second.bucket()).contents().stream().map(S3Object::key).toList();
            assertEquals(List.of(keptKey), stored, "only the upload that completed before the stop");
            Path bucketFolder = data.resolve("store").resolve(second.bucket());
            try (Stream<Path> files = Files.walk(bucketFolder)) {
                assertEquals(List.of(keptKey), files.filter(Files::isRegularFile)
                        .map(f -> bucketFolder.relativize(f).toString()).toList(), "no partial or temporary file left");
            }
            for (String key : inFlightKeys) {
                assertEquals(404, client.get(link(second, key), Map.of()).status(), key);
            }
            // and the image stored before the stop survives the restart byte for byte
            assertArrayEquals(kept, client.get(link(second, keptKey), Map.of()).body());
            // and fresh tickets work on the restarted stack
            byte[] fresh = SampleImages.noisyPng(256 * 1024, 2);
            JsonObject ticket = ticket(client, fresh);
            client.uploadAndAwaitPublished(ticket, fresh);
            assertArrayEquals(fresh, client.get(URI.create(ticket.get("url").getAsString()), Map.of()).body());
        }
    }

    @Test
    void dataDirectoryUnderAFile_refusesToStart_withAMessageNamingIt() throws IOException {
        // Tests run as root here, where chmod does not deny writes; a path below a regular file cannot be
        // created by anyone.
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");
        Path unwritable = file.resolve("pinhole");

        StartupException refused = assertThrows(StartupException.class,
                () -> LocalStack.start(LocalSettings.forTests(unwritable), Map.of(), LocalOptions.TESTS));

        assertTrue(refused.getMessage().startsWith("cannot write to the data directory " + unwritable),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("PINHOLE_DATA="), refused.getMessage());
    }

    @Test
    void dataDirectoryWithoutWritePermission_isExplainedAsPermissionDenied() {
        // The OS refusal itself cannot be staged here: tests run as root, for whom permissions are not
        // enforced. The refusal it raises is AccessDeniedException; show what people are told about it.
        Path readOnly = data.resolve("read-only");

        StartupException refused = DataDirectory.unwritable(readOnly, new AccessDeniedException(readOnly.toString()));

        assertEquals("cannot write to the data directory " + readOnly
                + " (permission denied). Choose another with PINHOLE_DATA=/some/dir.", refused.getMessage());
    }

    @Test
    void portTaken_refusesToStart_namingThePortAndTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalSettings settings = new LocalSettings("127.0.0.1", taken.getLocalPort(), 0, data,
                    LocalSettings.defaultWebDirectory(), "pinhole-images", Duration.ZERO);

            StartupException refused = assertThrows(StartupException.class, () -> LocalStack.start(settings, Map.of(), LocalOptions.TESTS));

            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use. Stop what is using it,"
                    + " or choose another with PINHOLE_PORT=<port>.", refused.getMessage());
        }
    }

    @Test
    void s3PortTaken_refusesToStart_namingTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalSettings settings = new LocalSettings("127.0.0.1", 0, taken.getLocalPort(), data,
                    LocalSettings.defaultWebDirectory(), "pinhole-images", Duration.ZERO);

            StartupException refused = assertThrows(StartupException.class, () -> LocalStack.start(settings, Map.of(), LocalOptions.TESTS));

            assertTrue(refused.getMessage().contains("port " + taken.getLocalPort()), refused.getMessage());
            assertTrue(refused.getMessage().contains("PINHOLE_S3_PORT"), refused.getMessage());
        }
    }

    /** The real entry point in its own JVM: what a person running it sees on stderr. */
    @Test
    void pinholeLocalMain_printsOneLineWithoutStackTrace_whenItCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = Files.writeString(data.resolve("a-file"), "x");
            List<Map<String, String>> failures = List.of(
                    Map.of(LocalSettings.PORT, Integer.toString(taken.getLocalPort()),
                            LocalSettings.DATA, data.resolve("d1").toString()),
                    Map.of(LocalSettings.PORT, "0", LocalSettings.DATA, file.resolve("d2").toString()),
                    Map.of(LocalSettings.PORT, "0", LocalSettings.DATA, data.resolve("d3").toString(),
                            LocalSettings.S3_PORT, Integer.toString(taken.getLocalPort())),
                    Map.of(LocalSettings.PORT, "0", LocalSettings.DATA, data.resolve("d4").toString(),
                            "PINHOLE_MAX_UPLOAD_BYTES", "lots"));
            StringBuilder messages = new StringBuilder();
            for (Map<String, String> environment : failures) {
                ChildRun run = runMain(environment);
                messages.append(run.exitCode()).append(' ').append(run.stderr().replace(data.toString(), "<tmp>"));

                assertEquals(1, run.exitCode(), run.stderr());
                assertTrue(run.stderr().startsWith("pinhole: "), run.stderr());
                assertFalse(run.stderr().contains("Exception"), run.stderr());
                assertFalse(run.stderr().contains("\tat "), run.stderr());
                assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/startup-failures.txt"), messages);
        }
    }

    record ChildRun(int exitCode, String stderr) {
    }

    private static ChildRun runMain(Map<String, String> environment) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PinholeLocal.class.getName());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PINHOLE_"));
        env.putAll(environment);
        env.put(LocalSettings.HOST, "127.0.0.1");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("PinholeLocal did not exit: " + stderr);
        }
        return new ChildRun(process.exitValue(), stderr);
    }

    private static JsonObject ticket(TicketClient client, byte[] body) {
        Reply reply = client.requestTicket("png", body, true);
        assertEquals(201, reply.status(), reply.text());
        return reply.json();
    }

    /** Opens a PUT to the ticket's URL and sends the headers and the first {@code sent} bytes of the body. */
    static Socket startUpload(JsonObject ticket, byte[] body, int sent) throws IOException {
        URI url = URI.create(ticket.getAsJsonObject("upload").get("url").getAsString());
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
        socket.setSoTimeout(20_000);
        StringBuilder head = new StringBuilder("PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        TicketClient.headers(ticket).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, sent);
        out.flush();
        return socket;
    }

    /** Sends the rest; true only if S3 answered 200 (stored). A reset, EOF or error status is false. */
    private static boolean finishUpload(Socket socket, byte[] body, int from) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(body, from, body.length - from);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.1 200");
        } catch (IOException cutOff) {
            return false;
        }
    }

    private static URI link(LocalStack stack, String key) {
        return URI.create(stack.baseUrl() + "/" + key);
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
