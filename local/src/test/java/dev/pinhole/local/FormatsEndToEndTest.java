package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.core.ImageTypes;
import dev.pinhole.images.format.Formats;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every allowed type whose format is written, through the local stack with the registered formats only (no
 * stand-in): a valid image is served byte for byte with its type once published, and each hostile file is
 * refused with its reason, never served. A type gets these tests as soon as its format is registered.
 */
class FormatsEndToEndTest {
    /** A valid image of each type the JDK can write; a format registered for another type must add its own. */
    static final Map<String, Supplier<byte[]>> SAMPLES = Map.of(
            "png", () -> SampleImages.png(120, 90),
            "jpg", () -> SampleImages.jpeg(120, 90),
            "jpeg", () -> SampleImages.jpeg(64, 64),
            "gif", () -> HostileUploads.gif(40, 30),
            "webp", SampleImages::webp,
            "avif", SampleImages::avif);

    record Hostile(String name, String extension, Supplier<byte[]> bytes, Set<String> codes) {
    }

    static final List<Hostile> HOSTILE = List.of(
            new Hostile("random bytes named x.png", "png", () -> HostileUploads.randomBytes(3000, 1),
                    Set.of("not_an_image")),
            new Hostile("random bytes named x.jpg", "jpg", () -> HostileUploads.randomBytes(3000, 2),
                    Set.of("not_an_image")),
            new Hostile("random bytes named x.gif", "gif", () -> HostileUploads.randomBytes(3000, 3),
                    Set.of("not_an_image")),
            new Hostile("PNG bytes on a jpg ticket", "jpg", HostileUploads::png, Set.of("wrong_type", "not_an_image")),
            new Hostile("JPEG bytes on a png ticket", "png", () -> SampleImages.jpeg(30, 30),
                    Set.of("wrong_type", "not_an_image")),
            new Hostile("a JPEG cut off after 3 KB", "jpg",
                    () -> HostileUploads.truncated(SampleImages.jpeg(400, 300), 3 * 1024), Set.of("truncated")),
            new Hostile("a PNG cut off in its IDAT", "png",
                    () -> HostileUploads.truncated(SampleImages.png(200, 200), 500), Set.of("truncated")),
            new Hostile("a JPEG with a ZIP after it", "jpg",
                    () -> HostileUploads.withZipAfter(SampleImages.jpeg(50, 50)), Set.of("trailing_data")),
            new Hostile("a PNG with data after IEND", "png", () -> HostileUploads.withZipAfter(HostileUploads.png()),
                    Set.of("trailing_data")),
            new Hostile("an 83-byte PNG declaring 100,000 x 100,000 pixels", "png",
                    () -> HostileUploads.pngDeclaring(100_000, 100_000), Set.of("too_many_pixels")),
            new Hostile("a zip-bomb IDAT behind 20,000 x 20,000 pixels", "png", HostileUploads::zipBombPng,
                    Set.of("too_many_pixels")),
            new Hostile("a PNG declaring zero width", "png", () -> HostileUploads.pngDeclaring(0, 10),
                    Set.of("no_pixels", "malformed")),
            new Hostile("a PNG flooded with 120,000 empty chunks", "png", () -> HostileUploads.chunkFloodPng(120_000),
                    Set.of("too_complex")),
            new Hostile("a GIF with 5,000 frames", "gif", () -> HostileUploads.gifWithFrames(5_000),
                    Set.of("too_many_frames")),
            new Hostile("random bytes named x.webp", "webp", () -> HostileUploads.randomBytes(3000, 4),
                    Set.of("not_an_image")),
            new Hostile("a WebP cut off in its image data", "webp",
                    () -> HostileUploads.truncated(SampleImages.webp(), SampleImages.webp().length / 2),
                    Set.of("truncated", "malformed")),
            new Hostile("random bytes named x.avif", "avif", () -> HostileUploads.randomBytes(3000, 5),
                    Set.of("not_an_image")),
            new Hostile("an AVIF whose first box claims 4 GB", "avif", () -> HostileUploads.absurdFirstBox(
                    SampleImages.avif()), Set.of("truncated", "malformed", "not_an_image")),
            new Hostile("an AVIF whose boxes loop (a box of size 8 repeated to the end)", "avif",
                    () -> HostileUploads.boxFlood(SampleImages.avif()), Set.of("malformed", "too_complex",
                            "trailing_data", "truncated")));

    @TempDir
    static Path data;
    static LocalStack stack;
    static TicketClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(),
                LocalOptions.DEFAULT.withRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(100))));
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static boolean hasFormat(String extension) {
        return Formats.forExtension(extension).isPresent();
    }

    @Test
    void everyRegisteredFormatOfAnAllowedType_hasASampleHere() {
        Set<String> missing = new TreeSet<>();
        for (String extension : ImageTypes.DEFAULT_ALLOWED) {
            if (hasFormat(extension) && !SAMPLES.containsKey(extension)) {
                missing.add(extension);
            }
        }
        assertEquals(Set.of(), missing, "add a valid sample of these types to SAMPLES (and their hostile files)");
    }

    @TestFactory
    Stream<DynamicTest> validImage_isServedByteForByteWithItsType_oncePublished() {
        return SAMPLES.keySet().stream().sorted().filter(FormatsEndToEndTest::hasFormat)
                .map(extension -> DynamicTest.dynamicTest(extension, () -> {
                    byte[] image = SAMPLES.get(extension).get();
                    JsonObject ticket = client.requestTicket(extension, image, true).json();
                    assertEquals(200, client.upload(ticket, image).status());

                    JsonObject outcome = client.awaitOutcome(ticket);

                    assertEquals("published", outcome.get("state").getAsString(), outcome.toString());
                    Reply served = client.get(URI.create(ticket.get("url").getAsString()), Map.of());
                    assertArrayEquals(image, served.body());
                    assertEquals(ImageTypes.contentType(extension), served.header("content-type"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> hostileUpload_isRefusedWithItsReason_andNeverServed() {
        return HOSTILE.stream().filter(hostile -> hasFormat(hostile.extension()))
                .map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> {
                    byte[] bytes = hostile.bytes().get();
                    JsonObject ticket = client.requestTicket(hostile.extension(), bytes, true).json();
                    URI link = URI.create(ticket.get("url").getAsString());
                    assertEquals(200, client.upload(ticket, bytes).status());
                    assertEquals(404, client.get(link, Map.of()).status(), "served while being checked");

                    JsonObject outcome = client.awaitOutcome(ticket);

                    assertEquals("refused", outcome.get("state").getAsString(), outcome.toString());
                    String code = outcome.getAsJsonObject("reason").get("code").getAsString();
                    assertTrue(hostile.codes().contains(code), hostile.name() + ": " + code);
                    assertFalse(outcome.getAsJsonObject("reason").get("message").getAsString().isBlank());
                    assertEquals(404, client.get(link, Map.of()).status());
                }));
    }
}
