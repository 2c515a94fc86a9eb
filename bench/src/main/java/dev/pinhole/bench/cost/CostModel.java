package dev.pinhole.bench.cost;

/**
 * What a million uploads cost in one design, from its measured figures, the memory sizes and {@link Prices}:
 * Lambda (invocations and GB-seconds, each call's duration rounded up to the millisecond as Lambda bills
 * it), HTTP API requests (one per started 512 KB of request), and S3 requests. Storage, CloudFront and the
 * free tiers are the same for both designs, or nil, and left out.
 */
final class CostModel {
    static final long UPLOADS = 1_000_000;
    private static final double MB_PER_GB = 1024;
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private CostModel() {
    }

    /** A million uploads of one size in one design; null when the design refuses that size. */
    static Row perMillion(Figures figures, CostParameters memory) {
        if (!figures.stored()) {
            return null;
        }
        double gbSeconds = 0;
        for (Figures.FunctionFigures function : figures.functions()) {
            gbSeconds += billedMillis(function.medianMs()) / 1000 * memory.memoryMbOf(function.function()) / MB_PER_GB;
        }
        long invocations = figures.functions().size() * UPLOADS;
        long apiRequests = meteredRequests(figures.apiRequestBytes()) * UPLOADS;
        S3Requests s3 = figures.s3PerUpload();
        double lambda = invocations * Prices.LAMBDA_PER_REQUEST + gbSeconds * UPLOADS * Prices.LAMBDA_ARM_PER_GB_SECOND;
        double api = apiRequests * Prices.HTTP_API_PER_REQUEST;
        double storage = UPLOADS * (s3.puts() * Prices.S3_PUT + s3.gets() * Prices.S3_GET + s3.deletes() * Prices.S3_DELETE);
        return new Row(figures.design(), figures.imageBytes(), invocations, gbSeconds * UPLOADS, apiRequests, s3,
                (figures.apiRequestBytes() + figures.apiResponseBytes()) * UPLOADS / BYTES_PER_GB, lambda, api, storage);
    }

    /** Lambda bills duration rounded up to the next millisecond. */
    static double billedMillis(double millis) {
        return Math.max(1, Math.ceil(millis));
    }

    /** HTTP APIs meter each request in 512 KB units: 513 KB is two requests. */
    static long meteredRequests(long requestBytes) {
        return Math.max(1, (requestBytes + Prices.HTTP_API_METERING_BYTES - 1) / Prices.HTTP_API_METERING_BYTES);
    }

    /** Quantities and dollars for a million uploads. */
    record Row(String design, int imageBytes, long lambdaInvocations, double gbSeconds, long apiRequests,
               S3Requests s3PerUpload, double apiGigabytes, double lambdaDollars, double apiDollars,
               double s3Dollars) {
        double totalDollars() {
            return lambdaDollars + apiDollars + s3Dollars;
        }
    }
}
