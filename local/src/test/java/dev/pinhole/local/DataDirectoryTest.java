package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory holds the store, whose file names are the unlisted image keys, and the S3 secret: it is
 * private to the user running the stack. Tests run as root here, for whom permissions deny nothing, so they
 * check the permission bits themselves rather than try to read as another user.
 */
class DataDirectoryTest {
    static final byte[] IMAGE = SampleImages.png(12, 12);
    static final String BUCKET = "pinhole-images";

    @TempDir
    Path temp;

    @Test
    void freshDataDirectory_isCreatedPrivate_andWhatTheStoreWritesIsNotForOthers() throws IOException {
        // Given no data directory yet
        Path root = temp.resolve("pinhole");

        // When the stack starts on it and stores an image
        String key;
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(root), Map.of())) {
            key = upload(stack.baseUrl()).get("key").getAsString();
        }

        // Then the data directory and the store's folders are rwx------, the credentials rw-------
        assertEquals("rwx------", mode(root));
        assertEquals("rwx------", mode(root.resolve("store")));
        assertEquals("rwx------", mode(root.resolve("store").resolve(BUCKET)));
        assertEquals("rw-------", mode(root.resolve("credentials.properties")));
        // and the image's file gives others nothing (nor could they pass the data directory to reach it)
        assertEquals("---", others(root.resolve("store").resolve(BUCKET).resolve(key)));
    }

    @Test
    void dataDirectoryOpenToOthers_isTightenedAtStart_sayingSoOnce_withoutFollowingLinks() throws Exception {
        // Given a data directory with an image, left open to everyone (as earlier versions created it)
        Path root = temp.resolve("pinhole");
        String key;
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(root), Map.of())) {
            key = upload(stack.baseUrl()).get("key").getAsString();
        }
        Path outside = Files.writeString(temp.resolve("outside.txt"), "not part of the data directory");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("store").resolve("link-to-outside"), outside);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }

        // When the stack starts on it, and once more
        String firstStderr;
        String secondStderr;
        try (ChildProcessStack stack = ChildProcessStack.start(root)) {
            firstStderr = stack.stderr();
            // (the store still serves what it held)
            byte[] served = new TicketClient(stack.baseUrl).awaitServed(URI.create(stack.baseUrl + "/" + key)).body();
            assertArrayEquals(IMAGE, served);
        }
        try (ChildProcessStack stack = ChildProcessStack.start(root)) {
            secondStderr = stack.stderr();
        }

        // Then the first start said so, in one line, and the second had nothing to say
        assertEquals(List.of("pinhole: the data directory " + root + " was open to other users of this machine;"
                + " it is now private to you (rwx------)."), firstStderr.lines().toList());
        assertEquals("", secondStderr);
        // and nothing in it is open to the group or others any more
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                assertEquals("------", mode(path).substring(3), path.toString());
            }
        }
        // but a file a link in it points to was left as it was
        assertEquals("rw-r--r--", mode(outside));
    }

    private static JsonObject upload(URI base) {
        TicketClient client = new TicketClient(base);
        JsonObject ticket = client.requestTicket("png", IMAGE, true).json();
        // Published: the image's file under i/ is the publisher's, written through S3Proxy like any other
        client.uploadAndAwaitPublished(ticket, IMAGE);
        return ticket;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String others(Path path) throws IOException {
        return mode(path).substring(6);
    }
}
