package dev.pinhole.bench.cost;

import com.google.gson.JsonParser;
import dev.pinhole.tickets.TicketHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Finds the largest image a design takes by uploading, not by arithmetic: the bridge enforces the limits. The
 * baseline's bisection uploads zeros of each size: its function stores whatever it is sent, so only the size
 * matters, and making some 25 JPEGs of exact sizes would take longer than the rest of the run.
 */
final class LimitProbe {
    private LimitProbe() {
    }

    /**
     * The largest image size that {@code design} stores, by bisection between {@code stored} (which must be
     * stored) and {@code refused} (which must be refused): about 25 uploads.
     */
    static long largestStored(UploadDesign design, long stored, long refused) throws IOException, InterruptedException {
        if (!design.upload(new byte[(int) stored]).stored() || design.upload(new byte[(int) refused]).stored()) {
            throw new IllegalStateException(design.label() + " does not switch from stored to refused between "
                    + stored + " and " + refused + " bytes");
        }
        long low = stored;
        long high = refused;
        while (high - low > 1) {
            long middle = (low + high) >>> 1;
            if (design.upload(new byte[(int) middle]).stored()) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Pinhole's largest image: what its API says it accepts, checked by asking for a ticket of one byte more
     * (refused) and by uploading a real image of exactly that size, which must be stored and published.
     */
    static long pinholeMaximum(HttpClient http, URI api, PinholeUpload pinhole) throws IOException, InterruptedException {
        String limits = http.send(HttpRequest.newBuilder(api.resolve(TicketHandler.LIMITS)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long maximum = JsonParser.parseString(limits).getAsJsonObject().get("maxBytes").getAsLong();
        if (ticketStatus(http, api, maximum + 1) != 413) {
            throw new IllegalStateException("the ticket API does not enforce its own maxBytes of " + maximum);
        }
        if (!pinhole.upload(PhoneJpegs.ofSize((int) maximum, maximum)).stored()) {
            throw new IllegalStateException("Pinhole refused an image of its own maxBytes, " + maximum);
        }
        return maximum;
    }

    private static int ticketStatus(HttpClient http, URI api, long size) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(api.resolve(TicketHandler.UPLOADS))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"extension\":\"jpg\",\"size\":" + size + "}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
