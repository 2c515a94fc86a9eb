package dev.pinhole.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an outside tool (Chromium, Node, bash tools) skip on a laptop without it, but fail
 * where PINHOLE_REQUIRE_ALL_TESTS=1 (CI sets it), so nothing is silently skipped there.
 */
public final class RequiredTools {
    public static final String REQUIRE_ALL = "PINHOLE_REQUIRE_ALL_TESTS";

    private RequiredTools() {
    }

    /** Returns the tool's path; skips or fails the test when it is not on this machine. */
    public static Path require(String description, Optional<Path> tool) {
        return require(description, tool, System.getenv(REQUIRE_ALL));
    }

    static Path require(String description, Optional<Path> tool, String requireAllSetting) {
        if (tool.isPresent()) {
            return tool.get();
        }
        String message = description + " is not installed on this machine";
        if ("1".equals(requireAllSetting)) {
            Assertions.fail(message + ", and " + REQUIRE_ALL + "=1 forbids skipping (see .ci/run)");
        }
        Assumptions.abort(message + "; skipping (set " + REQUIRE_ALL + "=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /** The first of the given names found as an executable on PATH (or given as an absolute path). */
    public static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            Path absolute = Path.of(name);
            if (absolute.isAbsolute() && Files.isExecutable(absolute)) {
                return Optional.of(absolute);
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
