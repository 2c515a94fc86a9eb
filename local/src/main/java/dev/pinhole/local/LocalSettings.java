package dev.pinhole.local;

import dev.pinhole.core.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the local stack runs: where it listens, where it keeps its data, and how far ahead of real time its clock
 * runs. The ticket handler's own settings (size limit, allowed types, upload token...) are read by the handler
 * from the same environment, exactly as on Lambda.
 *
 * @param clockOffset how far ahead the functions' clock and the stack's expiry run (see {@link #CLOCK_OFFSET_DAYS})
 */
public record LocalSettings(String host, int port, int s3Port, Path dataDirectory, Path webDirectory,
                            String bucket, Duration clockOffset) {

    public static final String HOST = "PINHOLE_HOST";
    public static final String PORT = "PINHOLE_PORT";
    public static final String S3_PORT = "PINHOLE_S3_PORT";
    public static final String DATA = "PINHOLE_DATA";
    public static final String WEB = "PINHOLE_WEB";
    public static final String BUCKET = "PINHOLE_BUCKET";
    /**
     * Whole days the stack's clock runs ahead, to see lifetimes end without waiting: start once with 2, and an image
     * kept for 1 day is gone (the expiry's first pass runs at start), and new tickets' removeAfter counts from the
     * moved time. Local only: no function reads it on AWS, and S3's own signing and URL expiry stay on real time.
     */
    public static final String CLOCK_OFFSET_DAYS = "PINHOLE_CLOCK_OFFSET_DAYS";

    public static LocalSettings fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new LocalSettings(
                env.optional(HOST).orElse("127.0.0.1"),
                (int) env.longInRange(PORT, 8080, 0, 65535),
                (int) env.longInRange(S3_PORT, 0, 0, 65535),
                Path.of(env.optional(DATA).orElse(".pinhole")).toAbsolutePath().normalize(),
                env.optional(WEB).map(Path::of).orElseGet(LocalSettings::defaultWebDirectory)
                        .toAbsolutePath().normalize(),
                env.optional(BUCKET).orElse("pinhole-images"),
                Duration.ofDays(env.longInRange(CLOCK_OFFSET_DAYS, 0, 0, 3650)));
    }

    /** Settings for tests: loopback, any free ports, the given data directory, real time. */
    public static LocalSettings forTests(Path dataDirectory) {
        return new LocalSettings("127.0.0.1", 0, 0, dataDirectory, defaultWebDirectory(), "pinhole-images",
                Duration.ZERO);
    }

    /** The repository's web/ folder, whether we run from the repository root or from local/. */
    static Path defaultWebDirectory() {
        Path fromRoot = Path.of("web");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("..", "web");
    }
}
