package dev.pinhole.local;

import dev.pinhole.core.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the local stack runs: where it listens and where it keeps its data. The ticket handler's own
 * settings (size limit, allowed types, upload token...) are read by the handler from the same
 * environment, exactly as on Lambda.
 */
public record LocalSettings(String host, int port, int s3Port, Path dataDirectory, Path webDirectory,
                            String bucket) {

    public static final String HOST = "PINHOLE_HOST";
    public static final String PORT = "PINHOLE_PORT";
    public static final String S3_PORT = "PINHOLE_S3_PORT";
    public static final String DATA = "PINHOLE_DATA";
    public static final String WEB = "PINHOLE_WEB";
    public static final String BUCKET = "PINHOLE_BUCKET";

    public static LocalSettings fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new LocalSettings(
                env.optional(HOST).orElse("127.0.0.1"),
                (int) env.longInRange(PORT, 8080, 0, 65535),
                (int) env.longInRange(S3_PORT, 0, 0, 65535),
                Path.of(env.optional(DATA).orElse(".pinhole")).toAbsolutePath().normalize(),
                env.optional(WEB).map(Path::of).orElseGet(LocalSettings::defaultWebDirectory)
                        .toAbsolutePath().normalize(),
                env.optional(BUCKET).orElse("pinhole-images"));
    }

    /** Settings for tests: loopback, any free ports, the given data directory. */
    public static LocalSettings forTests(Path dataDirectory) {
        return new LocalSettings("127.0.0.1", 0, 0, dataDirectory, defaultWebDirectory(), "pinhole-images");
    }

    /** The repository's web/ folder, whether we run from the repository root or from local/. */
    static Path defaultWebDirectory() {
        Path fromRoot = Path.of("web");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("..", "web");
    }
}
