package dev.pinhole.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load on a running local stack (bench/load-local.sh starts one): for a fixed time, N clients ask for
 * tickets as fast as they can (tickets/s), then N clients do the whole upload, ticket then PUT of the
 * bytes to the local S3 (uploads/s and MB/s). Loopback only: it refuses any other host.
 *
 * <p>Usage: {@code LocalLoad BASE_URL SECONDS CONCURRENCY UPLOAD_BYTES}; prints tab-separated results.
 */
public final class LocalLoad {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final byte[] image;

    private LocalLoad(URI base, int uploadBytes) {
        this.api = base.resolve("/api/uploads");
        this.image = new byte[uploadBytes];
        new Random(6).nextBytes(image);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: LocalLoad BASE_URL SECONDS CONCURRENCY UPLOAD_BYTES");
        }
        URI base = URI.create(args[0]);
        requireLoopback(base);
        int seconds = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        LocalLoad load = new LocalLoad(base, Integer.parseInt(args[3]));
        load.phase(2, concurrency, false); // warm-up: JIT and connections, not counted
        Result tickets = load.phase(seconds, concurrency, false);
        Result uploads = load.phase(seconds, concurrency, true);
        System.out.printf("tickets\t%.0f\t%d%n", tickets.perSecond(), tickets.failures());
        System.out.printf("uploads\t%.1f\t%d\t%.1f%n", uploads.perSecond(), uploads.failures(),
                uploads.perSecond() * load.image.length / 1e6);
    }

    private static void requireLoopback(URI base) throws IOException {
        if (base.getHost() == null || !InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("LocalLoad only loads a stack on this machine, not " + base);
        }
    }

    private Result phase(int seconds, int concurrency, boolean upload) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            counts.add(clients.submit(() -> loop(stop, upload)));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long done = 0;
        long failed = 0;
        for (Future<long[]> count : counts) {
            done += count.get()[0];
            failed += count.get()[1];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return new Result(done / elapsed, failed);
    }

    /** One client: returns {succeeded, failed}. */
    private long[] loop(AtomicBoolean stop, boolean upload) throws Exception {
        long ok = 0;
        long failed = 0;
        while (!stop.get()) {
            HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(api)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"extension\":\"png\",\"size\":" + image.length + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            boolean success = ticket.statusCode() == 201 && (!upload || put(ticket.body()) == 200);
            if (success) {
                ok++;
            } else {
                failed++;
            }
        }
        return new long[] {ok, failed};
    }

    private int put(String ticketJson) throws Exception {
        JsonObject upload = JsonParser.parseString(ticketJson).getAsJsonObject().getAsJsonObject("upload");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getAsString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image));
        upload.getAsJsonObject("headers").entrySet().forEach(h -> put.header(h.getKey(), h.getValue().getAsString()));
        return http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record Result(double perSecond, long failures) {
    }
}
