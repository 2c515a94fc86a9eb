package dev.pinhole.bench.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One design at one image size over all its runs: whether it stored the image, the bytes through API
 * Gateway, the end-to-end time (median and 90th percentile) and each function's median time and allocation.
 */
public record Figures(String design, S3Requests s3PerUpload, int imageBytes, boolean stored, int runs,
                      long apiRequestBytes, long apiResponseBytes, double endToEndMedianMs, double endToEndP90Ms,
                      List<FunctionFigures> functions) {

    /** A function's share of one upload: median and 90th percentile time, median bytes allocated. */
    public record FunctionFigures(String function, double medianMs, double p90Ms, long medianAllocatedBytes) {
    }

    static Figures of(UploadDesign upload, int imageBytes, List<Attempt> attempts) {
        String design = upload.label();
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("no runs of " + design + " for " + imageBytes + " bytes");
        }
        boolean stored = attempts.get(0).stored();
        if (attempts.stream().anyMatch(attempt -> attempt.stored() != stored)) {
            throw new IllegalStateException(design + " stored some uploads of " + imageBytes
                    + " bytes and refused others: the run is not trustworthy");
        }
        Map<String, List<FunctionCall>> byFunction = new LinkedHashMap<>();
        attempts.forEach(attempt -> attempt.calls().forEach(
                call -> byFunction.computeIfAbsent(call.function(), name -> new ArrayList<>()).add(call)));
        List<FunctionFigures> functions = new ArrayList<>();
        byFunction.forEach((name, calls) -> functions.add(new FunctionFigures(name,
                millis(median(calls, FunctionCall::nanos)), millis(p90(calls, FunctionCall::nanos)),
                Math.round(median(calls, FunctionCall::allocatedBytes)))));
        return new Figures(design, upload.s3Requests(), imageBytes, stored, attempts.size(),
                Math.round(median(attempts, Attempt::apiRequestBytes)),
                Math.round(median(attempts, Attempt::apiResponseBytes)),
                millis(median(attempts, Attempt::endToEndNanos)), millis(p90(attempts, Attempt::endToEndNanos)),
                functions);
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    static <T> double median(List<T> items, ToLongFunction<T> value) {
        long[] sorted = items.stream().mapToLong(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** Nearest-rank 90th percentile. */
    static <T> double p90(List<T> items, ToLongFunction<T> value) {
        long[] sorted = items.stream().mapToLong(value).sorted().toArray();
        return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }
}
