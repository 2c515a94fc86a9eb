package dev.pinhole.bench.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One design at one image size over all its runs: whether it stored the image, the bytes through API
 * Gateway, the S3 requests counted per upload (the same for every run, or the run stops), the end-to-end time
 * (median and 90th percentile), the time until the link serves it, and each function's median time and allocation.
 */
public record Figures(String design, S3Requests s3PerUpload, int imageBytes, boolean stored, int runs,
                      long apiRequestBytes, long apiResponseBytes, double endToEndMedianMs, double endToEndP90Ms,
                      double untilLiveMedianMs, double untilLiveP90Ms, List<FunctionFigures> functions) {

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
        S3Requests s3 = attempts.get(0).s3();
        if (attempts.stream().anyMatch(attempt -> !attempt.s3().equals(s3))) {
            throw new IllegalStateException(design + " made different S3 requests for uploads of " + imageBytes
                    + " bytes: " + attempts.stream().map(Attempt::s3).distinct().toList());
        }
        Map<String, List<FunctionCall>> byFunction = new LinkedHashMap<>();
        attempts.forEach(attempt -> attempt.calls().forEach(
                call -> byFunction.computeIfAbsent(call.function(), name -> new ArrayList<>()).add(call)));
        List<FunctionFigures> functions = new ArrayList<>();
        byFunction.forEach((name, calls) -> functions.add(new FunctionFigures(name,
                millis(median(calls, FunctionCall::nanos)), millis(p90(calls, FunctionCall::nanos)),
                Math.round(median(calls, FunctionCall::allocatedBytes)))));
        return new Figures(design, s3, imageBytes, stored, attempts.size(),
                Math.round(median(attempts, Attempt::apiRequestBytes)),
                Math.round(median(attempts, Attempt::apiResponseBytes)),
                millis(median(attempts, Attempt::endToEndNanos)), millis(p90(attempts, Attempt::endToEndNanos)),
                millis(median(attempts, Attempt::untilLiveNanos)), millis(p90(attempts, Attempt::untilLiveNanos)),
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
