package dev.pinhole.bench.cost;

/** One call of a function: its time inside the handler and what the handler allocated meanwhile. */
record FunctionCall(String function, long nanos, long allocatedBytes) {
}
