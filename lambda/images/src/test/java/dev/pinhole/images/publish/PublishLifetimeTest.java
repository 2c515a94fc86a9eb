package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageKey;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.images.TestBucket;
import dev.pinhole.images.TinyFormat;
import dev.pinhole.images.WireLog;
import dev.pinhole.images.store.ImageBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the publisher carries from the ticket onto the image (delete hash, lifetime, remove-after) and what it makes
 * of a lifetime (Cache-Control, tag), against a real S3 (S3Proxy); the clock is the handler's, fixed.
 */
class PublishLifetimeTest {
    static final Instant NOW = PublishHandlerTest.CLOCK.instant();
    static final String HASH = DeleteToken.hash(DeleteToken.mint());
    static TestBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    static Map<String, String> signed(String lifetime, String removeAfter) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ImageMetadata.DELETE_HASH, HASH);
        if (lifetime != null) {
            metadata.put(ImageMetadata.LIFETIME, lifetime);
        }
        if (removeAfter != null) {
            metadata.put(ImageMetadata.REMOVE_AFTER, removeAfter);
        }
        return metadata;
    }

    static ImageKey upload(Map<String, String> metadata) {
        ImageKey key = ImageKey.mint("png");
        bucket.put(key.uploadKey(), TinyFormat.image(4, 4, true), metadata);
        return key;
    }

    static List<Outcome> publish(PublishHandler handler, ImageKey key) {
        return PublishHandlerTest.deliver(handler, key);
    }

    static PublishHandler untagged() {
        return new PublishHandler(bucket.client(), TestBucket.NAME, PublishHandlerTest.TINY_AS_PNG,
                PublishLimits.DEFAULT, PublishHandlerTest.CLOCK);
    }

    @Test
    void imageWithALifetime_carriesTheTicketsMetadata_andIsCachedOnlyUntilItsRemoveAfter() {
        // Given an upload whose ticket chose 7 days, issued 2 hours ago
        Instant removeAfter = NOW.minus(Duration.ofHours(2)).plus(Duration.ofDays(7));
        ImageKey key = upload(signed("7d", removeAfter.toString()));

        // When it is published
        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(untagged(), key), "");

        // Then the image carries the delete hash, the lifetime and remove-after, beside what was removed
        HeadObjectResponse head = bucket.head(key.publicKey());
        assertEquals(Map.of(ImageMetadata.REMOVED, "location", ImageMetadata.DELETE_HASH, HASH,
                ImageMetadata.LIFETIME, "7d", ImageMetadata.REMOVE_AFTER, removeAfter.toString()), head.metadata());
        // and caches may keep it for exactly the seconds left, never the year-long immutable default
        assertEquals("public, max-age=" + (Duration.ofDays(7).minus(Duration.ofHours(2)).toSeconds()),
                head.cacheControl());
    }

    @ParameterizedTest(name = "remove-after {0} ms from now")
    @CsvSource({"100900, 100", "400, 0", "-5000, 0", "-259200000, 0"})
    void maxAge_isTheWholeSecondsLeft_andNeverNegative(long millisLeft, long maxAge) {
        ImageKey key = upload(signed("1d", NOW.plusMillis(millisLeft).toString()));

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(untagged(), key), "");

        assertEquals("public, max-age=" + maxAge, bucket.head(key.publicKey()).cacheControl());
    }

    @Test
    void imageKeptForever_carriesItsDeleteHash_andKeepsTheImmutableYear() {
        ImageKey key = upload(signed(null, null));

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(untagged(), key), "");

        HeadObjectResponse head = bucket.head(key.publicKey());
        assertEquals(Map.of(ImageMetadata.REMOVED, "location", ImageMetadata.DELETE_HASH, HASH), head.metadata());
        assertEquals(ImageBucket.CACHE_FOREVER, head.cacheControl());
    }

    @Test
    void metadataThatNoTicketSigns_isNotCarried() {
        Map<String, String> metadata = signed(null, null);
        metadata.put("owner", "someone@example.com");
        ImageKey key = upload(metadata);

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(untagged(), key), "");

        assertFalse(bucket.head(key.publicKey()).metadata().containsKey("owner"));
    }

    @ParameterizedTest(name = "lifetime {0}, remove-after {1}")
    @CsvSource(value = {"8d, 2026-11-25T14:02:35Z", "7 days, 2026-11-25T14:02:35Z", "7d, tomorrow",
            "7d, NULL", "NULL, 2026-11-25T14:02:35Z", "1d, 2026-11-25T14:08:00Z", "1d, 2027-01-01T00:00:00Z"},
            nullValues = "NULL")
    void lifetimeThatDoesNotParse_orOutlivesItsLifetime_isRefusedAsInvalidTicket(String lifetime, String until) {
        // Given an upload whose lifetime metadata no ticket of this host could have signed
        ImageKey key = upload(signed(lifetime, until));

        // When it is delivered
        PublishHandlerTest.assertFirst(Outcome.REFUSED, publish(untagged(), key), lifetime + " " + until);

        // Then it is refused as invalid_ticket, never published, and the upload is gone
        var record = JsonParser.parseString(new String(bucket.get(key.refusalKey()).orElseThrow(),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("invalid_ticket", record.get("code").getAsString());
        assertFalse(bucket.exists(key.publicKey()));
        assertFalse(bucket.exists(key.uploadKey()));
    }

    @Test
    void removeAfterWithinTheClockSlack_isPublished() {
        // A ticket function whose clock is a minute ahead of the publisher's
        ImageKey key = upload(signed("1d", NOW.plus(Duration.ofDays(1)).plusSeconds(60).toString()));

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(untagged(), key), "");
    }

    @Test
    void withTaggingOn_theImagesPutCarriesTheLifetimeTag() {
        // Given the publisher as it runs in AWS (tagging on), observed on the wire, over S3Proxy
        WireLog wire = new WireLog();
        PublisherConfig config = PublisherConfig.fromEnvironment(Map.of("PINHOLE_BUCKET", TestBucket.NAME,
                "AWS_REGION", "us-east-1"));
        PublishHandler tagging = new PublishHandler(config, bucket.clientWith(wire), PublishHandlerTest.TINY_AS_PNG,
                PublishHandlerTest.CLOCK);
        ImageKey key = upload(signed("30d", NOW.plus(Duration.ofDays(30)).toString()));

        // When it publishes an image with a lifetime, S3Proxy (no object tagging) refuses the PUT: S3 would take it.
        // (S3Proxy answers before it reads the body and closes the connection, so the client sees either that
        // answer or a broken request body, depending on timing: under load, the latter in every attempt.)
        SdkException refused = assertThrows(SdkException.class, () -> publish(tagging, key));
        if (refused instanceof S3Exception answered) {
            assertEquals(501, answered.statusCode());
        }

        // Then the image's one PUT carried the tag the template's lifecycle rule for 30 days filters on
        assertEquals(Optional.of("pinhole-lifetime=30d"),
                wire.last("PUT", key.publicKey()).orElseThrow().firstMatchingHeader("x-amz-tagging"));
        // and the upload stays for Lambda's retry
        assertTrue(bucket.exists(key.uploadKey()));
    }

    @Test
    void withTaggingOn_anImageKeptForeverIsNotTagged() {
        WireLog wire = new WireLog();
        PublisherConfig config = PublisherConfig.fromEnvironment(Map.of("PINHOLE_BUCKET", TestBucket.NAME,
                "AWS_REGION", "us-east-1"));
        PublishHandler tagging = new PublishHandler(config, bucket.clientWith(wire), PublishHandlerTest.TINY_AS_PNG,
                PublishHandlerTest.CLOCK);
        ImageKey key = upload(signed(null, null));

        PublishHandlerTest.assertFirst(Outcome.PUBLISHED, publish(tagging, key), "");

        assertEquals(Optional.empty(),
                wire.last("PUT", key.publicKey()).orElseThrow().firstMatchingHeader("x-amz-tagging"));
    }
}
