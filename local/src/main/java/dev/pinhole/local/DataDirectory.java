package dev.pinhole.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The folder that keeps a local Pinhole between runs: the object store and the S3 credentials.
 * Credentials are generated the first time and reused, so nobody shares a hard-coded key. It is private to
 * the user running the stack (see {@link OwnerOnly}): created rwx------, and tightened at start if it is not.
 */
final class DataDirectory {
    private static final String CREDENTIALS_FILE = "credentials.properties";

    private final Path root;
    private final Consumer<String> notices;

    /** @param notices where to say something the person running the stack should know (one line each) */
    DataDirectory(Path root, Consumer<String> notices) {
        this.root = root;
        this.notices = notices;
    }

    /**
     * Creates the store and the bucket's folder in it if needed, makes the whole data directory private, and
     * proves it can be written, with a message that says which folder and why not.
     */
    Path prepareStore(String bucket) {
        Path store = root.resolve("store");
        try {
            OwnerOnly.createFolders(store.resolve(bucket));
            makePrivate();
            Path probe = Files.createTempFile(store, ".write-check", "");
            Files.delete(probe);
        } catch (FileSystemException denied) {
            throw unwritable(root, denied);
        } catch (IOException failed) {
            throw new StartupException("cannot prepare the data directory " + root + ": " + failed.getMessage());
        }
        return store;
    }

    /** Takes away what the group and others may do in the data directory, and says so if they could enter it. */
    private void makePrivate() throws IOException {
        // A data directory given as a symbolic link is meant: its target is the folder to keep private.
        Path folder = root.toRealPath();
        boolean wasOpen = OwnerOnly.isOpen(folder);
        OwnerOnly.tighten(folder);
        if (wasOpen) {
            notices.accept("the data directory " + root + " was open to other users of this machine;"
                    + " it is now private to you (rwx------).");
        }
    }

    /** The one-line reason a data directory cannot be used, as people say it. */
    static StartupException unwritable(Path root, FileSystemException denied) {
        String reason = denied instanceof AccessDeniedException ? "permission denied"
                : denied.getReason() != null ? denied.getReason() : denied.getClass().getSimpleName();
        return new StartupException("cannot write to the data directory " + root + " (" + reason
                + "). Choose another with PINHOLE_DATA=/some/dir.");
    }

    S3Credentials credentials() {
        Path file = root.resolve(CREDENTIALS_FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            S3Credentials fresh = new S3Credentials("pinhole-" + random(6), random(30));
            write(file, fresh);
            return fresh;
        } catch (IOException failed) {
            throw new StartupException("cannot read or write " + file + ": " + failed.getMessage());
        }
    }

    private static S3Credentials read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        String identity = properties.getProperty("identity");
        String secret = properties.getProperty("secret");
        if (identity == null || secret == null) {
            throw new StartupException(file + " is damaged (identity or secret missing). Delete it to get new ones.");
        }
        return new S3Credentials(identity, secret);
    }

    private static void write(Path file, S3Credentials credentials) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("identity", credentials.identity());
        properties.setProperty("secret", credentials.secret());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            properties.store(out, "S3 credentials of this local Pinhole, generated on first start");
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        new SecureRandom().nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    record S3Credentials(String identity, String secret) {
    }
}
