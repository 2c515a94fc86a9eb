package dev.pinhole.images.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.TestBucket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The p/ markers against a real S3 (S3Proxy), p/ emptied before each test: listing sees the whole prefix. */
class PendingInvalidationsTest {
    static TestBucket bucket;
    static PendingInvalidations pending;

    @BeforeAll
    static void start() throws Exception {
        bucket = TestBucket.start();
        pending = new PendingInvalidations(bucket.client(), TestBucket.NAME);
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    @BeforeEach
    void emptyPrefix() {
        bucket.clear(ImageKey.PENDING_INVALIDATION_PREFIX);
    }

    private List<ImageKey> mark(int count) {
        List<ImageKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageKey key = ImageKey.mint("png");
            pending.add(key);
            keys.add(key);
        }
        keys.sort(Comparator.comparing(ImageKey::pendingInvalidationKey));
        return keys;
    }

    @Test
    void markers_areEmptyObjects_listedInKeyOrder_andMarkingTwiceLeavesOne() {
        List<ImageKey> keys = mark(3);
        pending.add(keys.get(0));

        assertEquals(keys, pending.list(3000));
        assertEquals(0, bucket.get(keys.get(0).pendingInvalidationKey()).orElseThrow().length);
    }

    @Test
    void list_stopsAtItsLimit_acrossPages() {
        List<ImageKey> keys = mark(5);

        assertEquals(keys.subList(0, 2), pending.list(2));
    }

    @Test
    void list_skipsKeysNoDeleteWrote_andOtherPrefixes() {
        List<ImageKey> keys = mark(2);
        bucket.put("p/not-a-name", new byte[0]);
        bucket.put("p/" + keys.get(0).name() + ".json", new byte[0]);
        bucket.put(ImageKey.mint("png").publicKey(), new byte[] {1});

        assertEquals(keys, pending.list(3000));
    }

    @Test
    void remove_deletesExactlyTheGivenMarkers() {
        List<ImageKey> keys = mark(4);

        pending.remove(keys.subList(1, 3));

        assertEquals(List.of(keys.get(0), keys.get(3)), pending.list(3000));
        assertTrue(bucket.exists(keys.get(0).pendingInvalidationKey()));
    }
}
