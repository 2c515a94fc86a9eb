package dev.pinhole.bench;

import com.google.gson.JsonObject;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import dev.pinhole.local.StandInFormats;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publish latency on the local stack as a client sees it: from the moment its PUT returned 200 to the first
 * HEAD of the link that answers 200, polled every millisecond. For 100 KB, 2 MB and 20 MB PNGs, at 1 and at 8
 * clients uploading at once. Prints a markdown table of p50 and p99 (with the sample count: p99 of a few dozen
 * samples is close to the maximum).
 *
 * <p>Usage: {@code PublishLatency DATA_DIRECTORY}.
 */
public final class PublishLatency {
    static final int[] SIZES = {100 * 1024, 2 * 1024 * 1024, 20 * 1024 * 1024};
    static final int[] CONCURRENCY = {1, 8};

    private PublishLatency() {
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options = LocalOptions.DEFAULT.withFormats(StandInFormats.whereMissing());
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(Path.of(args[0])), Map.of(), options)) {
            System.out.println("| image | clients at once | uploads | p50 ms | p99 ms |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            for (int size : SIZES) {
                // Just under the size: noise PNGs come out a little larger than asked, and 20 MiB is the default limit.
                byte[] image = SampleImages.noisyPng(size - size / 32, size);
                for (int clients : CONCURRENCY) {
                    int perClient = size >= 20 * 1024 * 1024 ? 4 : clients == 1 ? 40 : 10;
                    List<Double> millis = measure(stack, image, clients, perClient);
                    Collections.sort(millis);
                    System.out.printf("| %s | %d | %d | %.1f | %.1f |%n", size >= 1024 * 1024
                                    ? size / (1024 * 1024) + " MiB" : size / 1024 + " KiB", clients, millis.size(),
                            percentile(millis, 0.50), percentile(millis, 0.99));
                }
            }
        }
    }

    private static List<Double> measure(LocalStack stack, byte[] image, int clients, int perClient)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                TicketClient client = new TicketClient(stack.baseUrl());
                HttpClient http = HttpClient.newHttpClient();
                List<Double> mine = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    JsonObject ticket = client.requestTicket("png", image, true).json();
                    TicketClient.Reply put = client.upload(ticket, image);
                    if (put.status() != 200) {
                        throw new IllegalStateException("upload refused: " + put.status() + " " + put.text());
                    }
                    long putDone = System.nanoTime();
                    HttpRequest head = HttpRequest.newBuilder(URI.create(ticket.get("url").getAsString()))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
                    while (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        if (System.nanoTime() - putDone > Duration.ofSeconds(60).toNanos()) {
                            throw new IllegalStateException("not published within 60 s");
                        }
                        Thread.sleep(1);
                    }
                    mine.add((System.nanoTime() - putDone) / 1e6);
                }
                return mine;
            }));
        }
        try {
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            // Also when a client failed: the others stop, and the JVM can exit with the failure instead of waiting.
            pool.shutdownNow();
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
