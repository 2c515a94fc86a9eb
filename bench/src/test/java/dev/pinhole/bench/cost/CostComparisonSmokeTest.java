package dev.pinhole.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of bench/cost-compare.sh's comparison in mvn verify: both designs, real local stack, tiny
 * images, one run each. It checks that every size gets its rows, never how fast anything was.
 */
class CostComparisonSmokeTest {
    private static final CostParameters MEMORY = new CostParameters(1024, 1024, 1024);

    @TempDir
    static Path data;
    static CostComparison comparison;

    @BeforeAll
    static void start() throws Exception {
        comparison = CostComparison.start(data);
    }

    @AfterAll
    static void stop() {
        comparison.close();
    }

    @Test
    void tinyImages_getARowPerSizeAndDesign_inTheSideBySideAndPerMillionTables() throws Exception {
        // Given two tiny sizes, when both designs upload each once
        List<SizeResult> results = comparison.run(List.of(1024, 4096), 0, 1);
        String report = CostCompare.report(results, null, MEMORY, 1, 0, 0);

        // Then each size has both designs, both stored, in both tables
        assertEquals(List.of(1024, 4096), results.stream().map(SizeResult::imageBytes).toList());
        for (SizeResult size : results) {
            assertEquals(List.of("base64 baseline", "Pinhole"), size.designs().stream().map(Figures::design).toList());
            assertTrue(size.designs().stream().allMatch(Figures::stored), size.toString());
        }
        for (String image : List.of("1 KiB", "4 KiB")) {
            assertTrue(report.contains("| " + image + " | base64 baseline | stored |"), report);
            assertTrue(report.contains("| " + image + " | Pinhole | stored |"), report);
            assertTrue(report.contains("| " + image + " | base64 baseline | 1,000,000 |"), report);
            assertTrue(report.contains("| " + image + " | Pinhole | 2,000,000 |"), report);
        }
    }

    @Test
    void imageOverLambdasLimit_isReportedRefusedForTheBaseline_notLeftOut() throws Exception {
        // Given 7 MiB: 9.8 MB of base64, under API Gateway's 10 MB but over Lambda's 6 MB
        List<SizeResult> results = comparison.run(List.of(7 << 20), 0, 1);
        String report = CostCompare.report(results, null, MEMORY, 1, 0, 0);

        // Then the baseline's row says so, and Pinhole stored it
        assertFalse(results.get(0).designs().get(0).stored());
        assertTrue(results.get(0).designs().get(1).stored());
        assertTrue(report.contains("| 7 MiB | base64 baseline | refused (limit): Lambda's 6 MB invocation payload |"),
                report);
        assertTrue(report.contains("| 7 MiB | base64 baseline | refused (limit): cannot take this size |"), report);
        assertTrue(report.contains("| 7 MiB | Pinhole | stored |"), report);
    }
}
