package dev.pinhole.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real entry point, {@code PinholeLocal}, running in a JVM of its own on loopback and random ports, as
 * {@code java -jar} runs it. For what a process decides once: the JDK's HTTP server reads its limits when its
 * classes load, so a test JVM that has already created a server could not show them.
 */
final class ChildProcessStack implements AutoCloseable {
    private static final Pattern PAGE = Pattern.compile("Open (http://[^ ]+)/ in your browser");
    private static final Pattern S3 = Pattern.compile("\\(S3 at (http://[^ )]+)\\)");

    private final Process process;
    private final Path stderr;
    final URI baseUrl;
    final URI s3Endpoint;

    private ChildProcessStack(Process process, Path stderr, URI baseUrl, URI s3Endpoint) {
        this.process = process;
        this.stderr = stderr;
        this.baseUrl = baseUrl;
        this.s3Endpoint = s3Endpoint;
    }

    /** Starts it on {@code data} and waits until it says where it listens. */
    static ChildProcessStack start(Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = Files.createTempFile(data.getParent(), "pinhole-child", ".err");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PinholeLocal.class.getName()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PINHOLE_"));
        env.putAll(Map.of(LocalSettings.HOST, "127.0.0.1", LocalSettings.PORT, "0", LocalSettings.S3_PORT, "0",
                LocalSettings.DATA, data.toString()));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI page = null;
        URI s3 = null;
        // readLine returns null if the child dies; the surefire timeout is the guard if it hangs without output.
        for (String line = out.readLine(); line != null && (page == null || s3 == null); line = out.readLine()) {
            page = page != null ? page : found(PAGE, line);
            s3 = s3 != null ? s3 : found(S3, line);
        }
        if (page == null || s3 == null) {
            process.destroyForcibly();
            throw new IllegalStateException("PinholeLocal did not start: " + Files.readString(stderr));
        }
        // The stack goes on printing a line per request: keep reading, or a full pipe would block the child.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // only emptied: the tests judge the stack by its answers and its stderr
                }
            } catch (IOException closed) {
                // the child stopped
            }
        }, "child-stdout-drain");
        drain.setDaemon(true);
        drain.start();
        return new ChildProcessStack(process, stderr, page, s3);
    }

    /** What it has written on stderr so far. */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI found(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? URI.create(matcher.group(1)) : null;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the shutdown hook stops the stack as Ctrl-C does
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(stderr);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
