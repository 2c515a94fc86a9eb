package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The local stand-in for S3 lifecycle: images whose removeAfter the stack's clock has passed are removed, the
 * others stay. Objects are laid straight into the store, with the metadata the publisher gives them, so that this
 * checks the expiry alone (the end-to-end tests upload with a lifetime).
 */
class LocalExpiryTest {
    static final byte[] IMAGE = SampleImages.png(16, 16);

    @TempDir
    Path data;

    @Test
    void expireNow_removesExactlyTheImagesWhoseRemoveAfterThePassedClockIsBeyond() {
        LocalClock clock = LocalClock.systemUTC();
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(),
                LocalOptions.TESTS.withClock(clock))) {
            // Given images that end in one hour, in three hours, never, and one whose end does not parse
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            ImageKey inOneHour = put(stack, now.plus(Duration.ofHours(1)).toString());
            ImageKey inThreeHours = put(stack, now.plus(Duration.ofHours(3)).toString());
            ImageKey forever = put(stack, null);
            ImageKey unreadable = put(stack, "next tuesday");
            TicketClient client = new TicketClient(stack.baseUrl());
            assertEquals(200, client.get(link(stack, inOneHour), Map.of()).status());

            // When the clock has moved two hours on and the expiry runs
            clock.advance(Duration.ofHours(2));
            List<String> firstPass = stack.expireNow();

            // Then only the first is gone, from the store and from its link
            assertEquals(List.of(inOneHour.publicKey()), firstPass);
            assertEquals(404, client.get(link(stack, inOneHour), Map.of()).status());
            assertEquals(200, client.get(link(stack, inThreeHours), Map.of()).status());

            // And when two more hours pass, the second goes too; the others stay
            clock.advance(Duration.ofHours(2));
            assertEquals(List.of(inThreeHours.publicKey()), stack.expireNow());
            assertEquals(List.of(), stack.expireNow());
            assertTrue(stack.store().blobExists(stack.bucket(), forever.publicKey()));
            assertTrue(stack.store().blobExists(stack.bucket(), unreadable.publicKey()));
            assertEquals(200, client.get(link(stack, forever), Map.of()).status());
        }
    }

    @Test
    void aStackStartedWithAClockOffset_removesWhatEndedBeforeItAtOnce() throws InterruptedException {
        // Given an image ending in a day, stored by a stack on real time
        ImageKey endsTomorrow;
        try (LocalStack first = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            endsTomorrow = put(first, Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString());
            assertEquals(List.of(), first.expireNow());
        }

        // When the stack starts again two days ahead (as PINHOLE_CLOCK_OFFSET_DAYS=2 starts it)
        LocalSettings ahead = LocalSettings.fromEnvironment(Map.of(LocalSettings.CLOCK_OFFSET_DAYS, "2",
                LocalSettings.PORT, "0", LocalSettings.DATA, data.toString()));
        try (LocalStack second = LocalStack.start(ahead, Map.of(), LocalOptions.TESTS)) {
            // Then its first expiry pass, which runs at start without being asked, removes the image
            for (int i = 0; i < 1000 && second.store().blobExists(second.bucket(), endsTomorrow.publicKey()); i++) {
                Thread.sleep(10);
            }
            assertFalse(second.store().blobExists(second.bucket(), endsTomorrow.publicKey()));
        }
    }

    @Test
    void clockOffsetSetting_isWholeDaysFromZero() {
        assertEquals(Duration.ZERO, LocalSettings.fromEnvironment(Map.of()).clockOffset());
        assertEquals(Duration.ofDays(8), LocalSettings.fromEnvironment(
                Map.of(LocalSettings.CLOCK_OFFSET_DAYS, "8")).clockOffset());
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> LocalSettings.fromEnvironment(Map.of(LocalSettings.CLOCK_OFFSET_DAYS, "-1")));
        assertEquals("PINHOLE_CLOCK_OFFSET_DAYS must be a whole number from 0 to 3650, not '-1'", refused.getMessage());
    }

    /** Stores a published image as the publisher would, with this removeAfter (none if null). */
    static ImageKey put(LocalStack stack, String removeAfter) {
        ImageKey key = ImageKey.mint("png");
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ImageMetadata.REMOVED, "none");
        if (removeAfter != null) {
            metadata.put(ImageMetadata.LIFETIME, "1d");
            metadata.put(ImageMetadata.REMOVE_AFTER, removeAfter);
        }
        BlobStore raw = ((ForwardingBlobStore) stack.store()).delegate();
        raw.putBlob(PutObjectRequest.builder().bucket(stack.bucket()).key(key.publicKey()).contentType("image/png")
                .contentLength((long) IMAGE.length).metadata(metadata).build(), new ByteArrayInputStream(IMAGE));
        return key;
    }

    static URI link(LocalStack stack, ImageKey key) {
        return stack.baseUrl().resolve(key.linkPath());
    }
}
