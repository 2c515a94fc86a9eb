package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone running the local stack sees: one short readable line per request and per publish, from the very
 * handlers that write JSON metric lines on AWS; and none of the secrets that pass through them.
 */
class RequestLogTest {
    /** {@code 23:15:01.123 tickets ticket_issued ...}: a time, the function, what happened. */
    private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (tickets|publisher|images|invalidator) "
            + "[a-z_]+( .*)?");

    @TempDir
    Path data;

    @Test
    void aTicketAnUploadAStatusAndADelete_eachPrintOneReadableLine_withoutTheirSecrets() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);
        JsonObject ticket;
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(),
                LocalOptions.TESTS.withLog(log))) {
            TicketClient client = new TicketClient(stack.baseUrl());
            byte[] image = SampleImages.png(40, 30);
            ticket = client.requestTicket("png", image, true).json();
            client.uploadAndAwaitPublished(ticket, image);
            assertEquals(200, TakeBack.delete(ticket).status());
            TakeBack.awaitEventsHandled(stack);
        }

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        String name = TakeBack.name(ticket);
        assertTrue(lines.stream().allMatch(line -> LINE.matcher(line).matches()), String.join("\n", lines));
        assertEquals(1, count(lines, "tickets ticket_issued", name), String.join("\n", lines));
        assertEquals(1, count(lines, "publisher publish", name), String.join("\n", lines));
        assertEquals(1, count(lines, "images image_deleted", name), String.join("\n", lines));
        assertTrue(count(lines, "images status_answered", name) >= 1, String.join("\n", lines));
        assertTrue(count(lines, "invalidator ", "") >= 1, "the delete's invalidation: " + String.join("\n", lines));
        String all = String.join("\n", lines);
        String uploadUrl = ticket.getAsJsonObject("upload").get("url").getAsString();
        for (String secret : List.of(TakeBack.token(ticket), uploadUrl,
                uploadUrl.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1"), "X-Amz-Signature", "X-Amz-Credential")) {
            assertFalse(all.contains(secret), "printed a secret: " + secret);
        }
    }

    private static long count(List<String> lines, String what, String name) {
        return lines.stream().filter(line -> line.contains(" " + what) && line.contains(name)).count();
    }
}
