package dev.pinhole.bench.cost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Proof that a Pinhole upload was really published, not merely stored: its public link serves a JPEG that
 * ends with the very picture data the client sent and holds none of the metadata's private text. A refused
 * upload would leave the function figures measuring a refusal, so anything else stops the run.
 */
final class PublishedCheck {
    /** The cleaner keeps the picture data as it is; its last bytes show it is the image that was sent. */
    private static final int COMPARED_TAIL_BYTES = 4096;

    private PublishedCheck() {
    }

    /** Fetches {@code link} and checks it serves {@code sent} without its metadata; throws if not. */
    static void verify(HttpClient http, URI link, URI status, byte[] sent) throws IOException, InterruptedException {
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (served.statusCode() != 200) {
            String why = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body();
            throw new IllegalStateException("Pinhole did not publish an upload of " + sent.length + " bytes: its link "
                    + link + " answered " + served.statusCode() + ", and its status says " + why);
        }
        byte[] image = served.body();
        String problem = problem(sent, image, served.headers().firstValue("content-type").orElse(""));
        if (problem != null) {
            throw new IllegalStateException("Pinhole published an upload of " + sent.length + " bytes at " + link
                    + ", but " + problem);
        }
    }

    /** What is wrong with {@code served} as the published form of {@code sent}, or null when nothing is. */
    static String problem(byte[] sent, byte[] served, String contentType) {
        if (!contentType.startsWith("image/jpeg")) {
            return "it is served as '" + contentType + "'";
        }
        if (served.length < 4 || (served[0] & 0xFF) != 0xFF || (served[1] & 0xFF) != 0xD8) {
            return "what it serves is not a JPEG";
        }
        if (served.length >= sent.length) {
            return "it serves " + served.length + " bytes, no fewer than were sent: nothing was removed";
        }
        int tail = Math.min(COMPARED_TAIL_BYTES, served.length);
        if (!Arrays.equals(sent, sent.length - tail, sent.length, served, served.length - tail, served.length)) {
            return "its picture data is not the picture that was sent";
        }
        String text = new String(served, StandardCharsets.ISO_8859_1);
        for (String secret : PhoneMetadata.PRIVATE_TEXT) {
            if (text.contains(secret)) {
                return "it still carries the metadata's '" + secret + "'";
            }
        }
        return null;
    }
}
