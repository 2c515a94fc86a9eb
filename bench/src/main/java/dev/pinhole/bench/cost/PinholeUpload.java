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
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Pinhole's client: a ticket from the API, then the bytes straight to S3 with exactly the ticket's
 * headers. Once S3 has the object, the publish step gets the S3 event, as on AWS; it runs off the request
 * path, so it counts as function time but not in the end-to-end time.
 */
final class PinholeUpload implements UploadDesign {
    static final String LABEL = "Pinhole";
    private final HttpClient http;
    private final URI tickets;
    private final Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ticketFunction;
    private final Metered<S3Event, Void> publishFunction;
    private final IntSupplier eventsPending;

    PinholeUpload(HttpClient http, URI api, Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ticketFunction,
                  Metered<S3Event, Void> publishFunction, IntSupplier eventsPending) {
        this.http = http;
        this.tickets = api.resolve(TicketHandler.UPLOADS);
        this.ticketFunction = ticketFunction;
        this.publishFunction = publishFunction;
        this.eventsPending = eventsPending;
    }

    @Override
    public String label() {
        return LABEL;
    }

    /**
     * The client's PUT, then the publisher's two HEADs (published already? refused already? both billed as GETs),
     * its GET of the upload, PUT of the published copy and DELETE of the upload.
     */
    @Override
    public S3Requests s3Requests() {
        return new S3Requests(2, 3, 1);
    }

    @Override
    public Attempt upload(byte[] image) throws IOException, InterruptedException {
        long start = System.nanoTime();
        byte[] request = ("{\"extension\":\"png\",\"size\":" + image.length + "}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> ticket = http.send(HttpRequest.newBuilder(tickets)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (ticket.statusCode() == 413) {
            return new Attempt(false, System.nanoTime() - start, request.length, ticket.body().length,
                    ticketFunction.takeCalls());
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
        List<FunctionCall> calls = new ArrayList<>(ticketFunction.takeCalls());
        calls.addAll(publishFunction.takeCalls());
        return new Attempt(true, endToEnd, request.length, ticket.body().length, calls);
    }

    private int put(JsonObject upload, byte[] image) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getAsString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image));
        upload.getAsJsonObject("headers").entrySet()
                .forEach(header -> put.header(header.getKey(), header.getValue().getAsString()));
        return http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }


    private void awaitPublished() throws InterruptedException {
        while (eventsPending.getAsInt() > 0) {
            Thread.sleep(1);
        }
    }
}
