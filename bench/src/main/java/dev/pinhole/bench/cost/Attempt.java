package dev.pinhole.bench.cost;

import java.util.List;

/**
 * One upload as a client lived it: stored, or refused by a payload limit; how long from the client's start
 * to the object stored, and to its link serving it (for Pinhole, once the publish step is done); what went through
 * API Gateway; the function calls it cost; and the S3 requests it made, the client's and the functions'.
 */
record Attempt(boolean stored, long endToEndNanos, long untilLiveNanos, long apiRequestBytes, long apiResponseBytes,
               List<FunctionCall> calls, S3Requests s3) {
}
