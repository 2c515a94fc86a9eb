package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing node skips the validator tests on a laptop but fails them where all tests are required. */
class NodeToolsTest {
    @Test
    void missingNode_skipsByDefault() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> NodeTools.require(tool -> false, null));
        assertTrue(skipped.getMessage().contains("node is not on PATH"), skipped.getMessage());
    }

    @Test
    void missingNpm_failsWhenAllTestsAreRequired() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> NodeTools.require(tool -> !tool.equals("npm"), "1"));
        assertTrue(failed.getMessage().contains("npm is not on PATH"), failed.getMessage());
        assertTrue(failed.getMessage().contains(NodeTools.REQUIRE_ALL + "=1"), failed.getMessage());
    }

    @Test
    void presentTools_letTheTestsRun() {
        assertDoesNotThrow(() -> NodeTools.require(tool -> true, "1"));
    }

    @Test
    void runs_isFalseForAToolThatDoesNotExist() {
        assertFalse(NodeTools.runs("pinhole-no-such-tool-7f3a"));
    }
}
