package dev.pinhole.bench.cost;

import java.util.List;

/**
 * The AWS list prices the per-million table uses: US East (N. Virginia), on-demand, the first volume tier,
 * no free tier. docs/BENCHMARKS.md says where each was read and how far it could be confirmed.
 */
final class Prices {
    static final String READ_ON = "2026-12-01";
    /** Lambda, arm64, per GB-second of duration (first 7.5 billion GB-s a month). */
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    /** Lambda, per request (invocation), either architecture. */
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    /** HTTP API, per request (first 300 million a month); each request is metered in 512 KB units. */
    static final double HTTP_API_PER_REQUEST = 1.00 / 1e6;
    static final long HTTP_API_METERING_BYTES = 512 * 1024;
    /**
     * S3 Standard: PUT, COPY, POST, LIST per request; GET, SELECT "and all other requests" (HEAD among them) per
     * request; DELETE is free. Requests answered 4xx are billed too (a HEAD of a key that is not there).
     */
    static final double S3_PUT = 0.005 / 1000;
    static final double S3_GET = 0.0004 / 1000;
    static final double S3_DELETE = 0;

    private Prices() {
    }

    /** Rows for the report: what, price, where it is published. */
    static List<String[]> table() {
        return List.of(
                new String[] {"Lambda duration, arm64", "$0.0000133334 per GB-second (first 7.5 billion GB-s a month)",
                        "https://aws.amazon.com/lambda/pricing/"},
                new String[] {"Lambda requests", "$0.20 per million", "https://aws.amazon.com/lambda/pricing/"},
                new String[] {"HTTP API requests", "$1.00 per million (first 300 million a month), metered in 512 KB units",
                        "https://aws.amazon.com/api-gateway/pricing/"},
                new String[] {"S3 Standard PUT, COPY, POST, LIST", "$0.005 per 1,000", "https://aws.amazon.com/s3/pricing/"},
                new String[] {"S3 Standard GET, SELECT and all other requests (HEAD)", "$0.0004 per 1,000",
                        "https://aws.amazon.com/s3/pricing/"},
                new String[] {"S3 DELETE", "free", "https://aws.amazon.com/s3/pricing/"},
                new String[] {"data into API Gateway and S3", "free (inbound data transfer)",
                        "https://aws.amazon.com/api-gateway/pricing/"});
    }
}
