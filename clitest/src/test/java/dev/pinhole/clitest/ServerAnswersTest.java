package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.PNG;
import static dev.pinhole.clitest.Links.assertServes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How the script handles what the API and S3 answer: refusals, retries, and servers that are not Pinhole. */
class ServerAnswersTest extends AgainstDefaultStack {
    @Test
    void unsupportedExtension_printsTheApisMessage_andExits4() {
        Path notes = script.file("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));

        UploadScript.Result result = script.run(notes.toString());

        result.exits(4).saysOnStderr("upload.sh: " + notes + ": refused by the server: "
                + "This file type is not accepted. Allowed types: avif, gif, jpeg, jpg, png, webp.");
        assertEquals("", result.stdout());
    }

    @Test
    void serverError_isRetriedOnceWithAFreshTicket() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, DefaultStack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            assertServes(result.exits(0).stdout().strip(), PNG, "image/png");
            assertEquals(2, front.ticketRequests());
        }
    }

    @Test
    void tooManyRequests_isRetriedOnce() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, 429, "Too Many Requests", DefaultStack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            assertServes(result.exits(0).stdout().strip(), PNG, "image/png");
            assertEquals(2, front.ticketRequests());
        }
    }

    @Test
    void serverErrorTwice_failsWithExit5_afterExactlyOneRetry() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(2, DefaultStack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(5).saysOnStderr("the Pinhole server had a problem (HTTP 503)");
            assertEquals(2, front.ticketRequests());
            assertEquals("", result.stdout());
        }
    }

    @Test
    void refusal_isNotRetried() {
        Path notes = script.file("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        try (FrontServer front = FrontServer.failingFirst(0, DefaultStack.baseUrl())) {
            script.run("--endpoint", front.baseUrl().toString(), notes.toString()).exits(4);

            assertEquals(1, front.ticketRequests());
        }
    }

    @Test
    void storageRefusal_exits5_withS3sReason_andIsNotRetried() {
        Path image = script.file("shot.png", PNG);
        // The ticket now asks for a Content-Type other than the signed one: S3 must refuse the PUT.
        try (FrontServer front = FrontServer.rewriting(DefaultStack.baseUrl(), "\"image/png\"", "\"image/gif\"")) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(5).saysOnStderr("upload failed: the upload did not match its ticket (HTTP 403, "
                    + "SignatureDoesNotMatch)");
            assertEquals("", result.stdout());
            assertEquals(1, front.ticketRequests(), "a refusal by S3 is not worth a retry");
        }
    }

    @Test
    void addressThatIsNotPinhole_exits6_andSaysSo() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.notPinhole()) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(6).saysOnStderr("answered HTTP 404, not like a Pinhole server. Check the address");
            assertEquals(1, front.ticketRequests(), "a 404 is not worth a retry");
        }
    }

    @Test
    void gatewayRefusal_isShown_butNotTakenForPinholesAnswer() {
        Path image = script.file("shot.png", PNG);
        try (FrontServer front = FrontServer.failingFirst(1, 403, "Forbidden", DefaultStack.baseUrl())) {
            UploadScript.Result result = script.run("--endpoint", front.baseUrl().toString(), image.toString());

            result.exits(6).saysOnStderr("answered HTTP 403 (Forbidden), not like a Pinhole server");
            assertEquals(1, front.ticketRequests());
        }
    }
}
