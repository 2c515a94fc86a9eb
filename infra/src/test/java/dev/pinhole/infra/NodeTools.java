package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether node and npm are here. A laptop without them skips the validator tests; CI sets
 * PINHOLE_REQUIRE_ALL_TESTS=1 so that a missing tool fails the build instead of passing it quietly.
 */
final class NodeTools {
    static final String REQUIRE_ALL = "PINHOLE_REQUIRE_ALL_TESTS";

    private NodeTools() {
    }

    static void require() {
        require(NodeTools::runs, System.getenv(REQUIRE_ALL));
    }

    /** Skips (aborts) the calling test when a tool is missing, or fails it when requireAll is "1". */
    static void require(Predicate<String> runs, String requireAll) {
        String missing = !runs.test("node") ? "node" : !runs.test("npm") ? "npm" : null;
        if (missing == null) {
            return;
        }
        String message = missing + " is not on PATH; the offline CloudFormation validator needs Node.js 20+";
        if ("1".equals(requireAll)) {
            fail(message + " (" + REQUIRE_ALL + "=1, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    static boolean runs(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
