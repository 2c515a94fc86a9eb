package dev.pinhole.local;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the JDK's HTTP server is kept from being stalled by slow or silent clients. It reads each request's
 * head with blocking reads on a thread of its executor and, by default, waits forever: with a fixed pool of
 * 64 threads, 64 sockets that send a request line and never the blank line made every other request hang.
 * So a request must arrive within {@link #REQUEST_TIME}, an idle connection is closed after {@link #IDLE_TIME},
 * and the pool grows on demand up to as many threads as the server may have connections, so a slow client
 * only ever holds its own thread. The server reads these settings once, when its classes load: they are set
 * before the first server is created, and a {@code -D} given on the command line wins.
 */
final class SlowClientLimits {
    /** Time to receive a whole request, head and body; honest ones here are small (the API refuses over 4 KB). */
    static final Duration REQUEST_TIME = Duration.ofSeconds(10);
    /** Time a kept-alive connection may wait for its next request. */
    static final Duration IDLE_TIME = Duration.ofSeconds(30);
    /** Open connections at most; one more is closed at once, so the server never runs out of threads. */
    static final int MAX_CONNECTIONS = 512;
    /** Threads kept when nothing happens; more are started for as long as they are needed. */
    static final int CORE_THREADS = 8;

    private SlowClientLimits() {
    }

    /** Sets the server's limits; call before the first {@code HttpServer.create} of the process. */
    static void apply() {
        // The JDK leaves Nagle's algorithm on, so a response written as headers then body waits for the client's
        // delayed ACK: ~40 ms per API answer (bench/load-local.sh: 170 -> 1,600 tickets/s).
        setUnlessGiven("sun.net.httpserver.nodelay", "true");
        setUnlessGiven("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIME.toSeconds()));
        setUnlessGiven("sun.net.httpserver.idleInterval", Long.toString(IDLE_TIME.toSeconds()));
        // How often idle connections are looked for (10 s by default), so that they go within a second of their time.
        setUnlessGiven("sun.net.httpserver.clockTick", "1000");
        setUnlessGiven("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    }

    /**
     * A pool that hands every request a thread at once (no queue behind busy threads), up to one per
     * connection the server accepts. Should it still be full, the server closes that one connection.
     */
    static ExecutorService executor() {
        return new ThreadPoolExecutor(CORE_THREADS, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new NamedThreads());
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "pinhole-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
