package dev.pinhole.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageKeyTest {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{22}\\.webp$");

    @Test
    void mint_hasAtLeast128RandomBitsInUrlSafeCharacters() {
        // Given many freshly minted names
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ImageKey key = ImageKey.mint("webp");
            assertTrue(NAME.matcher(key.name()).matches(), key.name());
            names.add(key.name());
        }

        // Then all are distinct, each with 22 base64url characters (132 bits of room for 128 random bits)
        assertEquals(20_000, names.size());
    }

    @Test
    void keys_putTheSameNameUnderEachPrefix() {
        ImageKey key = ImageKey.parseName("q3Lr0w9xT0m5QmJ7cV2b1A.png").orElseThrow();

        assertEquals("u/q3Lr0w9xT0m5QmJ7cV2b1A.png", key.uploadKey());
        assertEquals("i/q3Lr0w9xT0m5QmJ7cV2b1A.png", key.publicKey());
        assertEquals("r/q3Lr0w9xT0m5QmJ7cV2b1A.png.json", key.refusalKey());
    }

    @Test
    void parsing_roundTripsEveryKeyAMintedNameHas() {
        ImageKey minted = ImageKey.mint("jpg");

        assertEquals(Optional.of(minted), ImageKey.parseUploadKey(minted.uploadKey()));
        assertEquals(Optional.of(minted), ImageKey.parsePublicKey(minted.publicKey()));
        assertEquals(Optional.of(minted), ImageKey.parseName(minted.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".png", "q3Lr0w9xT0m5QmJ7cV2b1A", "q3Lr0w9xT0m5QmJ7cV2b1A.", "q3Lr0w9xT0m5QmJ7cV2b1A.PNG",
            "q3Lr0w9xT0m5QmJ7cV2b1A.png.html", "q3Lr0w9xT0m5QmJ7cV2b1.png", "q3Lr0w9xT0m5QmJ7cV2b1AA.png",
            "q3Lr0w9xT0m5QmJ7cV2b1B.png", "q3Lr0w9xT0m5QmJ7cV2b1/.png", "../3Lr0w9xT0m5QmJ7cV2b1A.png",
            "q3Lr0w9xT0m5QmJ7cV2b1A.png%00", "q3Lr0w9xT0m5QmJ7cV2b1A.pngpngpngpn", "q3Lr0w9xT0m5QmJ7cV2b1A.p g",
            "q3Lr0w9xT0m5QmJ7cV2b1A.png ", "q3Lr0w9xT0m5QmJ7cV2b+A.png", "q3Lr0w9xT0m5QmJ7cV2b=A.png",
            "\uff51" + "3Lr0w9xT0m5QmJ7cV2b1A.png"})
    void parseName_refusesWhatNoTicketCouldHaveMinted(String name) {
        assertEquals(Optional.empty(), ImageKey.parseName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"i/q3Lr0w9xT0m5QmJ7cV2b1A.png", "r/q3Lr0w9xT0m5QmJ7cV2b1A.png", "u/q3Lr0w9xT0m5QmJ7cV2b1A.png/",
            "u//q3Lr0w9xT0m5QmJ7cV2b1A.png", "x/u/q3Lr0w9xT0m5QmJ7cV2b1A.png", "U/q3Lr0w9xT0m5QmJ7cV2b1A.png",
            "u/q3Lr0w9xT0m5QmJ7cV2b1A.png-3f2c1d7e-0000-4000-8000-000000000000", "u/", "q3Lr0w9xT0m5QmJ7cV2b1A.png"})
    void parseUploadKey_acceptsOnlyUploadsOfTheRightShape(String key) {
        assertEquals(Optional.empty(), ImageKey.parseUploadKey(key), key);
    }

    @Test
    void parse_ofNull_isEmpty() {
        assertEquals(Optional.empty(), ImageKey.parseName(null));
        assertEquals(Optional.empty(), ImageKey.parseUploadKey(null));
    }

    @Test
    void constructor_refusesAnInvalidName() {
        assertThrows(IllegalArgumentException.class, () -> new ImageKey("short", "png"));
        assertThrows(IllegalArgumentException.class, () -> new ImageKey("q3Lr0w9xT0m5QmJ7cV2b1A", "PNG"));
    }
}
