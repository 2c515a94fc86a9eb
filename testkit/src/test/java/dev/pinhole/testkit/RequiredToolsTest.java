package dev.pinhole.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a laptop but fails it where all tests are required (CI). */
class RequiredToolsTest {
    @Test
    void missingTool_skipsByDefault() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> RequiredTools.require("chromium", Optional.empty(), null));

        assertTrue(skipped.getMessage().contains("chromium is not installed"), skipped.getMessage());
    }

    @Test
    void missingTool_failsWhenAllTestsAreRequired() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> RequiredTools.require("npm", Optional.empty(), "1"));

        assertTrue(failed.getMessage().contains("npm is not installed"), failed.getMessage());
        assertTrue(failed.getMessage().contains(RequiredTools.REQUIRE_ALL + "=1"), failed.getMessage());
    }

    @Test
    void presentTool_isReturned() {
        Path tool = Path.of("/usr/bin/env");

        assertEquals(tool, RequiredTools.require("env", Optional.of(tool), "1"));
    }

    @Test
    void onPath_findsShellsAndNotInventedNames() {
        assertTrue(RequiredTools.onPath("sh").isPresent());
        assertTrue(RequiredTools.onPath("pinhole-no-such-tool-7f3a").isEmpty());
    }
}
