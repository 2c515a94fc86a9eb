package dev.pinhole.bench.cost;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Counts the S3 requests a function's client makes, by operation, so that the per-million table prices the
 * requests the functions really sent rather than a count written down by hand. S3 bills by request class:
 * PUT, COPY, POST and LIST in one; GET, HEAD and "all other requests" in another; DELETE is free.
 */
final class S3Calls {
    private static final Set<String> PUT_CLASS = Set.of("putObject", "copyObject", "listObjectsV2", "listObjects");
    private static final Set<String> GET_CLASS = Set.of("getObject", "headObject");
    private static final Set<String> DELETE_CLASS = Set.of("deleteObject");

    private final Map<String, Integer> calls = new TreeMap<>();

    /** {@code s3}, with every call through it counted here. */
    S3Client counting(S3Client s3) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class && !"close".equals(method.getName())
                            && !"serviceName".equals(method.getName()) && !"serviceClientConfiguration".equals(method.getName())) {
                        synchronized (calls) {
                            calls.merge(method.getName(), 1, Integer::sum);
                        }
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /**
     * The requests counted since the last time this was asked, plus {@code clientPuts} the client sent itself,
     * in billing classes. An operation of no known class stops the run: it would go unpriced.
     */
    S3Requests take(int clientPuts) {
        Map<String, Integer> taken;
        synchronized (calls) {
            taken = new TreeMap<>(calls);
            calls.clear();
        }
        int puts = clientPuts;
        int gets = 0;
        int deletes = 0;
        for (Map.Entry<String, Integer> call : taken.entrySet()) {
            if (PUT_CLASS.contains(call.getKey())) {
                puts += call.getValue();
            } else if (GET_CLASS.contains(call.getKey())) {
                gets += call.getValue();
            } else if (DELETE_CLASS.contains(call.getKey())) {
                deletes += call.getValue();
            } else {
                throw new IllegalStateException("no price for S3's " + call.getKey() + ": add it to S3Calls");
            }
        }
        return new S3Requests(puts, gets, deletes);
    }
}
