package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import dev.pinhole.testkit.SampleImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the page does when an upload does not simply work: retries what is worth retrying, replaces an
 * expired ticket, lets people cancel. S3's answers are forced with page.route; everything else is real.
 */
class UploadRecoveryTest extends PageTestBase {
    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @Test
    void busyStorage_503_isRetried_andTheUploadCompletes() {
        AtomicInteger puts = new AtomicInteger();
        page.route(this::isS3, route -> {
            if (puts.incrementAndGet() == 1) {
                route.fulfill(s3Error(route, 503, "SlowDown", "Please reduce your request rate."));
            } else {
                route.resume();
            }
        });
        uploader.open();

        uploader.choose(new FilePayload("retry.png", "image/png", SampleImages.png(80, 80)));
        uploader.waitForRows("done", 1);

        assertEquals(2, puts.get(), "one refused PUT, one retried PUT");
    }

    @Test
    void expiredTicket_isReplacedByAFreshOne() {
        AtomicInteger puts = new AtomicInteger();
        List<String> ticketRequests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().endsWith("/api/uploads")) {
                ticketRequests.add(request.postData());
            }
        });
        page.route(this::isS3, route -> {
            if (puts.incrementAndGet() == 1) {
                route.fulfill(s3Error(route, 403, "AccessDenied", "Request has expired"));
            } else {
                route.resume();
            }
        });
        uploader.open();

        uploader.choose(new FilePayload("late.png", "image/png", SampleImages.png(80, 80)));
        uploader.waitForRows("done", 1);

        assertEquals(2, ticketRequests.size(), "a second ticket replaced the expired one: " + ticketRequests);
        assertEquals(ticketRequests.get(0), ticketRequests.get(1), "same extension, size and checksum");
    }

    @Test
    void cancel_stopsAnUploadInFlight_andRetryStartsItAgain() {
        List<Route> held = new CopyOnWriteArrayList<>();
        page.route(this::isS3, route -> {
            if (held.isEmpty()) {
                held.add(route); // Never answered: the PUT stays in flight until the page aborts it.
            } else {
                route.resume();
            }
        });
        uploader.open();
        uploader.choose(new FilePayload("slow.png", "image/png", SampleImages.png(80, 80)));
        Locator row = uploader.rows().first();
        row.locator(".upload-state", new Locator.LocatorOptions().setHasText("Uploading")).waitFor();

        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel slow.png")).click();
        uploader.waitForRows("cancelled", 1);
        assertEquals("Cancelled.", UploaderPage.stateText(row));

        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Retry slow.png")).click();
        uploader.waitForRows("done", 1);
        assertEquals(1, held.size());
    }

    @Test
    void clientError_isNotRetried_andSaysWhatHappened() {
        AtomicInteger puts = new AtomicInteger();
        page.route(this::isS3, route -> {
            puts.incrementAndGet();
            route.fulfill(s3Error(route, 400, "BadDigest", "The Content-MD5 or checksum value that you specified did not match."));
        });
        uploader.open();

        uploader.choose(new FilePayload("changed.png", "image/png", SampleImages.png(80, 80)));
        uploader.waitForRows("failed", 1);

        String message = UploaderPage.stateText(uploader.rowsIn("failed").first());
        assertTrue(message.contains("The file changed while it was being uploaded"), message);
        assertEquals(1, puts.get());
    }

    /** An S3 error as S3 sends it: XML body, and the CORS headers that let the page read it. */
    private Route.FulfillOptions s3Error(Route route, int status, String code, String message) {
        String origin = route.request().headerValue("origin");
        return new Route.FulfillOptions()
                .setStatus(status)
                .setHeaders(Map.of("content-type", "application/xml",
                        "access-control-allow-origin", origin == null ? stack.baseUrl().toString() : origin))
                .setBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><RequestId>test</RequestId></Error>");
    }
}
