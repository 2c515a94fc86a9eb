package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a viewer of a link learns about the person who uploaded it, judged by exiftool: a photo carrying a
 * phone's metadata (GPS position, camera make, model and serial number, XMP creator, a comment) goes through
 * the whole local stack (ticket, presigned PUT to S3Proxy, publisher, link) and the served file holds none of
 * it, keeps the orientation and colour profile, and decodes to the same pixels.
 */
class PrivacyEndToEndTest {
    /** Tag-name fragments that give away where a picture was taken, with what, or by whom. */
    private static final String[] IDENTIFYING = {"GPS", "Make", "Model", "SerialNumber", "Creator", "Comment"};

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LocalStack stack;
    static TicketClient client;
    static Exiftool exiftool;

    @BeforeAll
    static void start() {
        exiftool = Exiftool.require(work);
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(),
                LocalOptions.DEFAULT.withRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(100))));
        client = new TicketClient(stack.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "webp", "gif", "avif"})
    void photoWithAPhonesMetadata_isServedWithoutIt_keepingOrientationProfileAndPixels(String extension)
            throws IOException {
        // Given a photo into which exiftool wrote location, camera, serial number, creator and a comment
        byte[] photo = exiftool.write(plain(extension), extension, phoneMetadata(extension));
        Map<String, String> uploaded = exiftool.read(photo, extension);
        for (String written : List.of("GPS", "Make", "Model", "Creator")) {
            assertFalse(Exiftool.matching(identifying(uploaded), written).isEmpty(), written + " not in " + uploaded);
        }

        // When it is uploaded through a ticket and published
        JsonObject ticket = client.requestTicket(extension, photo, true).json();
        JsonObject outcome = client.uploadAndAwaitPublished(ticket, photo);
        TicketClient.Reply served = client.get(URI.create(outcome.get("url").getAsString()), Map.of());

        // Then exiftool finds none of it in what the link serves, and the status says what went
        assertEquals(200, served.status());
        Map<String, String> published = exiftool.read(served.body(), extension);
        assertEquals(Map.of(), identifying(published), "still served");
        assertTrue(removed(outcome).containsAll(Set.of("location", "camera")), outcome.toString());
        // and what the browser needs to show it as the uploader saw it is kept
        assertEquals(Exiftool.matching(uploaded, "Orientation"), Exiftool.matching(published, "Orientation"));
        assertEquals(colourProfile(uploaded), colourProfile(published));
        if (extension.equals("jpg")) {
            assertEquals("6", uploaded.get("IFD0:Orientation"));
            assertFalse(colourProfile(uploaded).isEmpty(), "the JPEG fixture has no ICC profile");
            assertArrayEquals(fromFirstScan(photo), fromFirstScan(served.body()), "the compressed picture changed");
        }
        assertSamePixels(photo, served.body(), extension);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "webp", "gif", "avif"})
    void imageWithNothingToRemove_isServedByteForByte(String extension) {
        // Given an image that carries no metadata at all
        byte[] image = plain(extension);
        assertEquals(Map.of(), identifying(exiftool.read(image, extension)));

        // When it is uploaded and published
        JsonObject ticket = client.requestTicket(extension, image, true).json();
        JsonObject outcome = client.uploadAndAwaitPublished(ticket, image);

        // Then the link serves the very bytes uploaded and the status says nothing was removed
        TicketClient.Reply served = client.get(URI.create(outcome.get("url").getAsString()), Map.of());
        assertArrayEquals(image, served.body());
        assertEquals(Set.of(), removed(outcome), outcome.toString());
    }

    @Test
    void jpegFixture_carriesEveryKindTheTestLooksFor() {
        // Given the JPEG fixture; Then each identifying fragment is really in it, so the test above can fail
        Map<String, String> tags = exiftool.read(exiftool.write(plain("jpg"), "jpg", phoneMetadata("jpg")), "jpg");
        for (String fragment : IDENTIFYING) {
            assertFalse(Exiftool.matching(Exiftool.outsideColourProfile(tags), fragment).isEmpty(), fragment);
        }
    }

    private static byte[] plain(String extension) {
        return switch (extension) {
            case "jpg" -> SampleImages.jpeg(160, 120);
            case "png" -> SampleImages.png(160, 120);
            case "gif" -> SampleImages.gif(80, 60);
            case "webp" -> SampleImages.webp();
            case "avif" -> SampleImages.avif();
            default -> throw new IllegalArgumentException(extension);
        };
    }

    private static String[] phoneMetadata(String extension) {
        List<String> tags = new ArrayList<>(List.of("-GPSLatitude=48.8584", "-GPSLatitudeRef=N",
                "-GPSLongitude=2.2945", "-GPSLongitudeRef=E", "-Make=Phonemaker", "-Model=Phone 15 Pro",
                "-SerialNumber=SN-4711-0815", "-XMP-dc:Creator=Jane Doe", "-Comment=at home, 12 Rue Example"));
        if (extension.equals("jpg")) {
            tags.add("-Orientation=6");
            tags.add("-ICC_Profile<=" + file("srgb.icc", ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        }
        return tags.toArray(String[]::new);
    }

    private static Map<String, String> identifying(Map<String, String> tags) {
        return Exiftool.matching(Exiftool.outsideColourProfile(tags), IDENTIFYING);
    }

    private static Map<String, String> colourProfile(Map<String, String> tags) {
        Map<String, String> profile = new TreeMap<>(tags);
        profile.keySet().removeIf(name -> !name.startsWith("ICC"));
        return profile;
    }

    private static Set<String> removed(JsonObject outcome) {
        Set<String> kinds = new HashSet<>();
        JsonArray removed = outcome.getAsJsonArray("removed");
        removed.forEach(kind -> kinds.add(kind.getAsString()));
        return kinds;
    }

    /** Decodes both (ImageIO; TwelveMonkeys for WebP); AVIF has no Java decoder here and is left out. */
    private static void assertSamePixels(byte[] uploaded, byte[] served, String extension) throws IOException {
        if (extension.equals("avif")) {
            return;
        }
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(uploaded));
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(served));
        assertTrue(before != null && after != null, "no decoder for " + extension);
        assertEquals(before.getWidth(), after.getWidth());
        assertEquals(before.getHeight(), after.getHeight());
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                assertEquals(before.getRGB(x, y), after.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    /** A JPEG from its first start-of-scan marker to the end: the tables' tail and every compressed byte. */
    private static byte[] fromFirstScan(byte[] jpeg) {
        int at = 2; // after SOI; walked segment by segment, so a 0xFFDA inside metadata is not mistaken for it
        while (at + 3 < jpeg.length && jpeg[at] == (byte) 0xFF) {
            if (jpeg[at + 1] == (byte) 0xDA) {
                return Arrays.copyOfRange(jpeg, at, jpeg.length);
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        throw new AssertionError("no start of scan found walking the JPEG's segments");
    }

    private static Path file(String name, byte[] bytes) {
        try {
            return Files.write(work.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
