package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A function as Lambda would bill it: each call's time inside the handler, and the bytes the handler
 * allocated on its thread during the call (an upper bound of the heap one call needs on top of its event).
 * Calls are kept until the benchmark collects them, so a sequential client knows which were its own.
 */
final class Metered<I, O> implements RequestHandler<I, O> {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final String name;
    private final RequestHandler<I, O> function;
    private final Queue<FunctionCall> calls = new ConcurrentLinkedQueue<>();

    Metered(String name, RequestHandler<I, O> function) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM cannot count the bytes a thread allocates");
        }
        this.name = name;
        this.function = function;
    }

    @Override
    public O handleRequest(I input, Context context) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            return function.handleRequest(input, context);
        } finally {
            long nanos = System.nanoTime() - start;
            calls.add(new FunctionCall(name, nanos, THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore));
        }
    }

    /** The calls made since the last time this was asked, oldest first. */
    List<FunctionCall> takeCalls() {
        List<FunctionCall> taken = new ArrayList<>();
        for (FunctionCall call; (call = calls.poll()) != null; ) {
            taken.add(call);
        }
        return taken;
    }
}
