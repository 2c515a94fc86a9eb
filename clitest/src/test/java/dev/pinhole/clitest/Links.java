package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/** Sample images, and checks on the links the script prints. */
final class Links {
    static final byte[] PNG = SampleImages.png(64, 48);
    static final byte[] JPEG = SampleImages.jpeg(64, 48);

    private Links() {
    }

    /** Asserts a link of the stack at {@code base}: a minted key with one of the given extensions. */
    static void assertLink(URI base, String extensions, String link) {
        Pattern pattern = Pattern.compile(Pattern.quote(base.toString()) + "/i/[A-Za-z0-9_-]{22,64}\\.(" + extensions + ")");
        assertTrue(pattern.matcher(link).matches(), "not a ." + extensions + " link of " + base + ": '" + link + "'");
    }

    /**
     * The link serves exactly these bytes. The script prints a link once its upload is stored; the link goes
     * live when the publisher has checked the image, moments later, so this asks as a person opening it would,
     * again while it answers 404 (at most 30 s).
     */
    static void assertServes(String link, byte[] expected, String contentType) {
        TicketClient.Reply reply = new TicketClient(URI.create(link)).awaitServed(URI.create(link));
        assertEquals(200, reply.status(), link);
        assertArrayEquals(expected, reply.body(), "the link must serve exactly the uploaded bytes");
        assertEquals(contentType, reply.header("content-type"));
    }
}
