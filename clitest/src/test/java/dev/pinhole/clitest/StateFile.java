package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** The script's state file (one JSON line per upload) as a test reads or prepares it. */
record StateFile(Path path) {
    Path directory() {
        return path.getParent();
    }

    boolean exists() {
        return Files.exists(path);
    }

    List<String> lines() {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonObject> entries() {
        return lines().stream().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
    }

    /** The one entry for {@code link}; fails when there is none or more than one. */
    JsonObject entryFor(String link) {
        List<JsonObject> found = entries().stream().filter(entry -> link.equals(entry.get("link").getAsString()))
                .toList();
        if (found.size() != 1) {
            fail("expected one entry for " + link + " in " + path + " but found " + found.size() + ":\n" + lines());
        }
        return found.get(0);
    }

    /** The raw line of {@code link}'s entry, as a person would copy it. */
    String lineFor(String link) {
        JsonObject entry = entryFor(link);
        return lines().stream().filter(line -> JsonParser.parseString(line).equals(entry)).findFirst().orElseThrow();
    }

    /** Writes lines into a fresh state file (and its directory), with the given modes. */
    void write(List<String> lines, String directoryMode, String fileMode) {
        try {
            Files.createDirectories(directory());
            Files.write(path, lines);
            Files.setPosixFilePermissions(directory(), PosixFilePermissions.fromString(directoryMode));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(fileMode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertPrivate() {
        assertEquals("rwx------", permissions(directory()), "the state directory " + directory());
        assertEquals("rw-------", permissions(path), "the state file " + path);
    }

    static String permissions(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return PosixFilePermissions.toString(permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
