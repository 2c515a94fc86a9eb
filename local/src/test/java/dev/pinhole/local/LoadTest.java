package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test of the whole local stack over loopback: concurrent clients ask for tickets, upload
 * 1-5 MB bodies straight to S3 with the ticket, and read every link back; every byte must come back intact.
 *
 * <p>The normal test run does the full figures (50 clients, 500 tickets, 200 uploads, about 25 s on a
 * 2-core machine); {@code -Dpinhole.load=quick} uploads 40 bodies instead, for a fast local loop. Figures are
 * printed and written to target/load-report.md; wall-clock times are measured, never asserted.
 */
class LoadTest {
    static final int CLIENTS = 50;
    static final int TICKETS = 500;
    static final boolean FULL = !"quick".equals(System.getProperty("pinhole.load"));
    static final int UPLOADS = FULL ? 200 : 40;
    static final int MIN_BYTES = 1024 * 1024;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** The bound: the test stops by itself, failing, if the work is not done by then. */
    static final long TIME_LIMIT_SECONDS = FULL ? 300 : 120;

    @TempDir
    Path data;

    private final Latencies tickets = new Latencies();
    private final Latencies uploads = new Latencies();
    private final Latencies downloads = new Latencies();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final AtomicInteger verified = new AtomicInteger();

    @Test
    void concurrentClients_getEveryTicket_andEveryLinkReturnsTheExactBytes() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(CLIENTS);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                pool.execute(() -> {
                    TicketClient client = new TicketClient(stack.baseUrl());
                    try {
                        for (int task = next.getAndIncrement(); task < TICKETS; task = next.getAndIncrement()) {
                            runTask(client, task);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            boolean finished = done.await(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdownNow();

            String report = report(seconds);
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/load-report.md"), report);
            assertTrue(finished, "the load test did not finish within " + TIME_LIMIT_SECONDS + " s");
            assertEquals(List.of(), new ArrayList<>(errors));
            assertEquals(TICKETS, tickets.count());
            assertEquals(UPLOADS, verified.get());
            assertEquals(UPLOADS, stack.store().list(stack.bucket()).contents().size(), "exactly the uploaded objects");
        }
    }

    /** Task n asks for a ticket; the first UPLOADS tasks (spread over all clients) also upload and read back. */
    private void runTask(TicketClient client, int task) {
        try {
            boolean upload = task % (TICKETS / UPLOADS) == 0 && task / (TICKETS / UPLOADS) < UPLOADS;
            Random random = new Random(task);
            byte[] body = upload ? randomBytes(random) : null;
            long t0 = System.nanoTime();
            Reply reply = upload ? client.requestTicket("png", body, true)
                    : client.requestTicket("{\"extension\":\"png\",\"size\":" + (1 + random.nextInt(MAX_BYTES)) + "}");
            tickets.add(System.nanoTime() - t0);
            if (reply.status() != 201) {
                errors.add("ticket " + task + ": " + reply.status() + " " + reply.text());
                return;
            }
            if (upload) {
                uploadAndVerify(client, task, reply.json(), body);
            }
        } catch (RuntimeException failed) {
            errors.add("task " + task + ": " + failed);
        }
    }

    private void uploadAndVerify(TicketClient client, int task, JsonObject ticket, byte[] body) {
        long t0 = System.nanoTime();
        Reply put = client.upload(ticket, body);
        uploads.add(System.nanoTime() - t0);
        if (put.status() != 200) {
            errors.add("upload " + task + ": " + put.status() + " " + put.s3ErrorCode());
            return;
        }
        bytesUploaded.addAndGet(body.length);
        JsonObject outcome = client.awaitOutcome(ticket);
        if (!"published".equals(outcome.get("state").getAsString())) {
            errors.add("publish " + task + ": " + outcome);
            return;
        }
        long t1 = System.nanoTime();
        Reply link = client.get(URI.create(ticket.get("url").getAsString()), Map.of());
        downloads.add(System.nanoTime() - t1);
        if (link.status() != 200 || !MessageDigest.isEqual(sha256(body), sha256(link.body()))) {
            errors.add("link " + task + ": " + link.status() + ", " + link.body().length + " of " + body.length
                    + " bytes, SHA-256 " + (link.status() == 200 ? "differs" : "not checked"));
            return;
        }
        verified.incrementAndGet();
    }

    /** Real PNGs of 1 to 5 MB (the publisher checks every upload), made once: encoding them is the slow part. */
    private static final List<byte[]> BODIES = java.util.stream.IntStream.of(MIN_BYTES, 2 * MIN_BYTES,
            3 * MIN_BYTES, MAX_BYTES - 64 * 1024).mapToObj(size -> SampleImages.noisyPng(size, size)).toList();

    private static byte[] randomBytes(Random random) {
        return BODIES.get(random.nextInt(BODIES.size()));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String report(double seconds) {
        double megabytes = bytesUploaded.get() / 1048576.0;
        return String.format(Locale.ROOT, "Pinhole load test (%s): %d clients, %d tickets, %d uploads of 1-5 MB"
                        + " (%.0f MB), %d links verified by SHA-256, %d errors, %.1f s%n"
                        + "| operation | count | throughput | p50 ms | p99 ms | max ms |%n|---|---|---|---|---|---|%n"
                        + "%s%s%s",
                FULL ? "full" : "quick", CLIENTS, tickets.count(), uploads.count(), megabytes, verified.get(),
                errors.size(), seconds,
                tickets.row("ticket (POST /api/uploads)", seconds, String.format(Locale.ROOT, "%.0f tickets/s",
                        tickets.count() / seconds)),
                uploads.row("upload (presigned PUT)", seconds, String.format(Locale.ROOT, "%.1f MB/s in", megabytes
                        / seconds)),
                downloads.row("link read (GET /i/*)", seconds, ""));
    }

    /** Latencies of one kind of request, in nanoseconds. */
    static final class Latencies {
        private final List<Long> values = Collections.synchronizedList(new ArrayList<>());

        void add(long nanos) {
            values.add(nanos);
        }

        int count() {
            return values.size();
        }

        String row(String name, double seconds, String throughput) {
            List<Long> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            Collections.sort(sorted);
            return String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.1f |%n", name, sorted.size(),
                    throughput.isEmpty() ? String.format(Locale.ROOT, "%.1f /s", sorted.size() / seconds) : throughput,
                    percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() - 1) / 1e6);
        }

        private static double percentile(List<Long> sorted, double q) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(q * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }
}
