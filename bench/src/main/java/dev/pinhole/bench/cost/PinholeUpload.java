package dev.pinhole.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
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
    private final String bucket;

    PinholeUpload(HttpClient http, URI api, Metered<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ticketFunction,
                  Metered<S3Event, Void> publishFunction, String bucket) {
        this.http = http;
        this.tickets = api.resolve(TicketHandler.UPLOADS);
        this.ticketFunction = ticketFunction;
        this.publishFunction = publishFunction;
        this.bucket = bucket;
    }

    @Override
    public String label() {
        return LABEL;
    }

    /** The client's PUT, then the publish step's GET, PUT of the published copy and DELETE of the upload. */
    @Override
    public S3Requests s3Requests() {
        return new S3Requests(2, 1, 1);
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
        // The PUT went to the upload prefix: the ticket's key is the published image's, i/<name>.
        String uploadKey = "u/" + answer.get("key").getAsString().substring("i/".length());
        publishFunction.handleRequest(objectCreated(uploadKey, image.length), null);
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

    /** The event S3 sends the publisher after a PUT (only the fields the publish step reads). */
    private S3Event objectCreated(String key, long size) {
        var object = new S3EventNotification.S3ObjectEntity(key, size, null, null, null);
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket, null, "arn:aws:s3:::" + bucket);
        var s3 = new S3EventNotification.S3Entity("pinhole-uploads", bucketEntity, object, "1.0");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("us-east-1",
                "ObjectCreated:Put", "aws:s3", null, "2.1", null, null, s3, null)));
    }
}
