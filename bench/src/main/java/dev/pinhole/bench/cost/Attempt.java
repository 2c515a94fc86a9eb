package dev.pinhole.bench.cost;

import java.util.List;

/**
 * One upload as a client lived it: stored, or refused by a payload limit; how long from the client's start
 * to the object stored; what went through API Gateway; and the function calls it cost.
 */
record Attempt(boolean stored, long endToEndNanos, long apiRequestBytes, long apiResponseBytes,
               List<FunctionCall> calls) {
}
