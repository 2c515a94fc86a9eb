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
 * A smoke run of bench/cost-compare.sh's comparison in mvn verify: both designs, real local stack and publisher,
 * small real photos, one run each. It checks that every size gets its rows, and that the S3 requests counted are
 * the ones each design makes; never how fast anything was. (A Pinhole upload that is not published stops the run.)
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
    void smallPhotos_getARowPerSizeAndDesign_inTheSideBySideAndPerMillionTables() throws Exception {
        // Given two small sizes, when both designs upload a photo of each once (after one warm-up upload each)
        List<SizeResult> results = comparison.run(List.of(32 << 10, 64 << 10), 1, 1);
        String report = CostCompare.report(results, null, MEMORY, 1, 1, 0);

        // Then each size has both designs, both stored, in both tables
        assertEquals(List.of(32 << 10, 64 << 10), results.stream().map(SizeResult::imageBytes).toList());
        for (SizeResult size : results) {
            assertEquals(List.of("base64 baseline", "Pinhole"), size.designs().stream().map(Figures::design).toList());
            assertTrue(size.designs().stream().allMatch(Figures::stored), size.toString());
        }
        for (String image : List.of("32 KiB", "64 KiB")) {
            assertTrue(report.contains("| " + image + " | base64 baseline | stored |"), report);
            assertTrue(report.contains("| " + image + " | Pinhole | published |"), report);
            assertTrue(report.contains("| " + image + " | base64 baseline | 1,000,000 |"), report);
            assertTrue(report.contains("| " + image + " | Pinhole | 2,000,000 |"), report);
        }
    }

    @Test
    void s3Requests_areTheOnesEachDesignSends_countedNotDeclared() throws Exception {
        // Given one small photo, when both designs upload it
        List<SizeResult> results = comparison.run(List.of(32 << 10), 0, 1);

        // Then the baseline made its one PUT; Pinhole the client's PUT, and the publisher's two HEADs (published
        // already? refused already?), its GET of the upload, its PUT of the cleaned image, one more HEAD (was the
        // name deleted meanwhile?) and its DELETE of the upload
        assertEquals(new S3Requests(1, 0, 0), results.get(0).designs().get(0).s3PerUpload());
        assertEquals(new S3Requests(2, 4, 1), results.get(0).designs().get(1).s3PerUpload());
    }

    @Test
    void imageOverLambdasLimit_isReportedRefusedForTheBaseline_notLeftOut() throws Exception {
        // Given 5 MiB: 7.0 MB of base64, under API Gateway's 10 MB but over Lambda's 6 MB
        List<SizeResult> results = comparison.run(List.of(5 << 20), 0, 1);
        String report = CostCompare.report(results, null, MEMORY, 1, 0, 0);

        // Then the baseline's row says so, and Pinhole stored it
        assertFalse(results.get(0).designs().get(0).stored());
        assertTrue(results.get(0).designs().get(1).stored());
        assertTrue(report.contains("| 5 MiB | base64 baseline | refused (limit): Lambda's 6 MB invocation payload |"),
                report);
        assertTrue(report.contains("| 5 MiB | base64 baseline | refused (limit): cannot take this size |"), report);
        assertTrue(report.contains("| 5 MiB | Pinhole | published |"), report);
    }
}
