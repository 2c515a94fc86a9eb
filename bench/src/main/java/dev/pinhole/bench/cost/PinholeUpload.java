package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.tickets.TicketHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Pinhole's client, as the upload page does it: the image's SHA-256, a ticket from the API, then the bytes
 * straight to S3 with exactly the ticket's headers. Once S3 has the object, the stack's real publisher gets the
 * S3 event, as on AWS; it runs off the request path, so it counts as function time but not in the end-to-end
 * time. Every upload is then checked to be published ({@link PublishedCheck}), outside all timings.
 */
final class PinholeUpload implements UploadDesign {
    static final String LABEL = "Pinhole";
    private final HttpClient http;
    private final URI tickets;
    private final Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ticketFunction;
    private final Metered<S3Event, Void> publishFunction;
    private final S3Calls publisherS3;
    private final IntSupplier eventsPending;

    PinholeUpload(HttpClient http, URI api, Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ticketFunction,
                  Metered<S3Event, Void> publishFunction, S3Calls publisherS3, IntSupplier eventsPending) {
        this.http = http;
        this.tickets = api.resolve(TicketHandler.UPLOADS);
        this.ticketFunction = ticketFunction;
        this.publishFunction = publishFunction;
        this.publisherS3 = publisherS3;
        this.eventsPending = eventsPending;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public Attempt upload(byte[] image) throws IOException, InterruptedException {
        long start = System.nanoTime();
        byte[] request = ("{\"extension\":\"jpg\",\"size\":" + image.length + ",\"sha256\":\"" + sha256(image) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> ticket = http.send(HttpRequest.newBuilder(tickets)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (ticket.statusCode() == 413) {
            long refused = System.nanoTime() - start;
            return new Attempt(false, refused, refused, request.length, ticket.body().length,
                    ticketFunction.takeCalls(), publisherS3.take(0));
        }
        String ticketJson = new String(ticket.body(), StandardCharsets.UTF_8);
        if (ticket.statusCode() != 201) {
            throw new IllegalStateException("the ticket API answered " + ticket.statusCode() + ": " + ticketJson);
        }
        JsonObject answer = JsonParser.parseString(ticketJson).getAsJsonObject();
        int stored = put(answer.getAsJsonObject("upload"), image);
        long endToEnd = System.nanoTime() - start;
        if (stored != 200) {
            throw new IllegalStateException("S3 refused the ticket's PUT with " + stored);
        }
        // The local stack delivers S3's ObjectCreated event to the real publisher, metered, off this thread,
        // as Lambda runs it after the PUT: outside the end-to-end time, inside the function time.
        awaitPublished();
        long untilLive = System.nanoTime() - start;
        List<FunctionCall> calls = new ArrayList<>(ticketFunction.takeCalls());
        calls.addAll(publishFunction.takeCalls());
        S3Requests s3 = publisherS3.take(1);
        PublishedCheck.verify(http, URI.create(answer.get("url").getAsString()),
                URI.create(answer.getAsJsonObject("status").get("url").getAsString()), image);
        return new Attempt(true, endToEnd, untilLive, request.length, ticket.body().length, calls, s3);
    }

    private int put(JsonObject upload, byte[] image) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getAsString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image));
        upload.getAsJsonObject("headers").entrySet()
                .forEach(header -> put.header(header.getKey(), header.getValue().getAsString()));
        return http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the page sends so that S3 checks the bytes (x-amz-checksum-sha256): base64 of the digest. */
    private static String sha256(byte[] image) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JVM has no SHA-256", missing);
        }
    }

    private void awaitPublished() throws InterruptedException {
        while (eventsPending.getAsInt() > 0) {
            Thread.sleep(1);
        }
    }
}
