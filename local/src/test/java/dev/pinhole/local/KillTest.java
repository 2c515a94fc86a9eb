package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point killed with SIGKILL while uploads are half sent: S3Proxy's filesystem store leaves the
 * {@code <key>-<uuid>} files it was writing, and the next start removes them, serves nothing partial, and
 * still publishes the image that was complete before the kill.
 */
class KillTest {
    static final int IN_FLIGHT = 4;
    static final int BODY_BYTES = 4 * 1024 * 1024;
    private static final Pattern ADDRESS = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+)/");

    @TempDir
    Path data;

    @Test
    void sigkillMidUpload_leavesTempFiles_whichTheNextStartRemoves() throws Exception {
        Process child = startPinholeLocal();
        List<Socket> inFlight = new ArrayList<>();
        byte[] kept = SampleImages.png(48, 48);
        JsonObject keptTicket;
        boolean keptPublished;
        try {
            URI base = awaitAddress(child);
            TicketClient client = new TicketClient(base);
            keptTicket = client.requestTicket("png", kept, true).json();
            assertEquals(200, client.upload(keptTicket, kept).status());
            // The entry point checks with the registered formats only: published once PNG's format is written.
            keptPublished = "published".equals(client.awaitOutcome(keptTicket).get("state").getAsString());
            // Given uploads that have sent half their bytes, so that S3Proxy is writing their temp files
            for (int i = 0; i < IN_FLIGHT; i++) {
                byte[] body = new byte[BODY_BYTES];
                new Random(i).nextBytes(body);
                JsonObject ticket = client.requestTicket("png", body, true).json();
                inFlight.add(FaultTest.startUpload(ticket, body, BODY_BYTES / 2));
            }
            awaitTempFiles(IN_FLIGHT);
        } finally {
            // When the process is killed outright: no shutdown hook, no clean-up
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed process did not exit");
            for (Socket socket : inFlight) {
                socket.close();
            }
        }
        assertEquals(IN_FLIGHT, tempFiles().size(), "the kill left the files being written: " + tempFiles());

        // Then the next start removes them, and only what the finished upload became remains
        try (LocalStack again = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            assertEquals(List.of(), tempFiles());
            String name = keptTicket.get("key").getAsString().substring("i/".length());
            assertEquals(List.of(keptPublished ? "i/" + name : "r/" + name + ".json"),
                    PublishingTest.keysUnder(again, ""));
            if (keptPublished) {
                TicketClient client = new TicketClient(again.baseUrl());
                assertArrayEquals(kept, client.get(again.baseUrl().resolve("/i/" + name), Map.of()).body());
            }
        }
    }

    private Process startPinholeLocal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PinholeLocal.class.getName());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PINHOLE_"));
        env.put(LocalSettings.HOST, "127.0.0.1");
        env.put(LocalSettings.PORT, "0");
        env.put(LocalSettings.DATA, data.toString());
        return builder.redirectErrorStream(true).start();
    }

    private static URI awaitAddress(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = ADDRESS.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        child.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (java.io.IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("PinholeLocal did not start: " + seen);
    }

    private void awaitTempFiles(int count) throws Exception {
        for (int i = 0; i < 2000 && tempFiles().size() < count; i++) {
            Thread.sleep(10);
        }
    }

    private List<Path> tempFiles() throws Exception {
        Path bucket = data.resolve("store").resolve("pinhole-images");
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> StartupSweep.TEMP_FILE.matcher(f.getFileName().toString()).matches()).toList();
        }
    }
}
