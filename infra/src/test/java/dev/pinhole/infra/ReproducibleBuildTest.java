package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pinhole.testkit.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh uploads a jar and publishes a new SnapStart version only when the jar's SHA-256 changes, so the
 * same sources must give the same bytes. Each deployable module is packaged twice, from two fresh copies one
 * after the other (so every file has another time), and the jars must be identical. Only those modules, tests
 * skipped, offline: about as long as one `mvn package` of them, twice.
 */
class ReproducibleBuildTest {
    @TempDir
    Path work;

    @Test
    void twoCleanBuilds_giveEveryDeployableJarTheSameSha256() throws Exception {
        // Given the modules that build a jar for AWS, found by their shade configuration
        Path maven = RequiredTools.require("Maven (the maven.home this build runs with)", maven());
        List<String> modules = DeployableJars.modules(Repo.ROOT);
        assertFalse(modules.isEmpty(), "no module shades an aws jar");

        // When two fresh copies of the sources are built, one after the other
        Map<String, String> first = DeployableJars.build(maven,
                DeployableJars.cleanCopy(Repo.ROOT, work.resolve("first")), modules, work.resolve("first.log"));
        Map<String, String> second = DeployableJars.build(maven,
                DeployableJars.cleanCopy(Repo.ROOT, work.resolve("second")), modules, work.resolve("second.log"));

        // Then every deployable jar has the same SHA-256 both times
        assertEquals(modules.size(), first.size(), first.toString());
        assertEquals(first, second);
    }

    private static Optional<Path> maven() {
        String home = System.getProperty("maven.home");
        Path mvn = home == null ? null : Path.of(home, "bin", "mvn");
        return mvn != null && Files.isExecutable(mvn) ? Optional.of(mvn) : RequiredTools.onPath("mvn");
    }
}
