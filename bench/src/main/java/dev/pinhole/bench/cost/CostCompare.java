package dev.pinhole.bench.cost;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * bench/cost-compare.sh's program: runs both designs side by side on a throw-away local stack and prints
 * the tables (markdown) on standard output. The script checks the arguments; this only parses them.
 *
 * <p>Usage: {@code CostCompare SIZES RUNS WARMUP_UPLOADS TICKET_MB PUBLISHER_MB BASELINE_MB PROBE FUNCTION_LOG},
 * where SIZES is a comma-separated list of image sizes in bytes, WARMUP_UPLOADS the number of small uploads per
 * design that warm the JIT first, PROBE {@code probe} or {@code no-probe}, and FUNCTION_LOG the file that gets
 * what the functions print (as Lambda sends it to CloudWatch), so that standard output carries only the tables.
 */
public final class CostCompare {
    private CostCompare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException("usage: CostCompare SIZES RUNS WARMUP_UPLOADS TICKET_MB PUBLISHER_MB"
                    + " BASELINE_MB probe|no-probe FUNCTION_LOG");
        }
        List<Integer> sizes = Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList();
        int runs = Integer.parseInt(args[1]);
        int warmupUploads = Integer.parseInt(args[2]);
        CostParameters memory = new CostParameters(Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]));
        boolean probe = "probe".equals(args[6]);
        PrintStream tables = System.out;
        Path data = Files.createTempDirectory("pinhole-cost-compare-");
        try (PrintStream functionLog = new PrintStream(new BufferedOutputStream(
                Files.newOutputStream(Path.of(args[7]))), false, StandardCharsets.UTF_8)) {
            // The functions print a line or two per call, the publisher through the System.out it finds at start.
            System.setOut(functionLog);
            try (CostComparison comparison = CostComparison.start(data)) {
                List<SizeResult> results = comparison.run(sizes, warmupUploads, runs);
                Limits limits = probe ? comparison.probeLimits() : null;
                tables.print(report(results, limits, memory, runs, warmupUploads, comparison.s3Retries()));
            }
        } finally {
            System.setOut(tables);
            deleteTree(data);
        }
    }

    /** All the tables with the sentences that say what they are. */
    static String report(List<SizeResult> results, Limits limits, CostParameters memory, int runs,
                         int warmupUploads, long s3Retries) {
        StringBuilder report = new StringBuilder();
        report.append("Per upload, ").append(runs).append(runs == 1 ? " run" : " runs")
                .append(" of each design per size, interleaved (ABBA), after ")
                .append(warmupUploads).append(" uploads of a ").append(CostComparison.WARMUP_IMAGE_BYTES / 1024)
                .append(" KiB photo per design to warm the JIT and ").append(CostComparison.WARMUPS_PER_SIZE)
                .append(" unkept runs per size. Each image is a real JPEG of exactly that size with a phone's metadata"
                        + " (GPS, camera and serial number, dates, owner, maker note, thumbnail, XMP, ICC profile); both"
                        + " designs upload the same bytes. Pinhole's function figures are its ticket function and its real"
                        + " publisher, which checks and cleans the image after the upload and so is outside the end-to-end"
                        + " time; every Pinhole upload was checked to be published (its link serves the picture, without"
                        + " the metadata). End-to-end is until the image is stored; the last column until its link"
                        + " serves it, which for Pinhole is after the publish step (the local stack hands S3's event to"
                        + " the publisher at once; on AWS the event's delivery adds its own delay, not measured here)."
                        + " S3 requests are counted on the functions' S3 clients.\n\n")
                .append(MarkdownReport.sideBySide(results))
                .append("\nS3 calls the base64 function's SDK had to send again during the run: ").append(s3Retries)
                .append(s3Retries == 0 ? ".\n" : " (a retried call's time includes its retry).\n");
        if (limits != null) {
            report.append("\nThe largest image each design takes through the bridge's limits, found by uploading:\n\n")
                    .append(MarkdownReport.limits(limits));
        }
        report.append("\nPer million uploads, at ").append(memory.ticketMemoryMb()).append(" MB for the ticket"
                        + " function, ").append(memory.publisherMemoryMb()).append(" MB for the publisher and ").append(memory.baselineMemoryMb()).append(" MB for the base64 function;"
                        + " each call billed at its median time above, rounded up to the millisecond as Lambda"
                        + " bills it:\n\n")
                .append(MarkdownReport.perMillion(results, memory))
                .append("\nPrices used, read on ").append(Prices.READ_ON).append(":\n\n")
                .append(MarkdownReport.prices());
        return report.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        }
    }
}
