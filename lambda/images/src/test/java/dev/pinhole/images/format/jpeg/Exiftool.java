package dev.pinhole.images.format.jpeg;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ExifTool (Debian: libimage-exiftool-perl), the independent judge of what metadata a file carries:
 * it writes the fixtures and reads the cleaned files. Runs on files in a test's temporary folder.
 */
final class Exiftool {
    private final Path tool;
    private final Path folder;
    private int files;

    Exiftool(Path folder) {
        this.tool = RequiredTools.require("exiftool (Debian package libimage-exiftool-perl)",
                RequiredTools.onPath("exiftool", "/usr/bin/exiftool"));
        this.folder = folder;
    }

    /** A file in the test folder holding {@code content}, for arguments such as "-ThumbnailImage<=path". */
    Path file(String name, byte[] content) {
        try {
            return Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG after exiftool wrote {@code arguments} into it. */
    byte[] write(byte[] jpeg, String... arguments) {
        Path image = file("fixture-" + files++ + ".jpg", jpeg);
        List<String> command = new ArrayList<>(List.of("-q", "-q", "-overwrite_original"));
        command.addAll(List.of(arguments));
        command.add(image.toString());
        run(command);
        try {
            return Files.readAllBytes(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every tag exiftool finds, as "Group1:Tag" keys with numeric values ({@code -j -G1 -a -n}). */
    JsonObject tags(byte[] jpeg) {
        Path image = file("read-" + files++ + ".jpg", jpeg);
        String json = new String(run(List.of("-j", "-G1", "-a", "-n", image.toString())), StandardCharsets.UTF_8);
        return JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
    }

    /** One tag's raw bytes ({@code -b}), for instance the whole ICC profile; empty when the tag is absent. */
    byte[] binary(byte[] jpeg, String tag) {
        Path image = file("binary-" + files++ + ".jpg", jpeg);
        return run(List.of("-b", "-" + tag, image.toString()));
    }

    private byte[] run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(arguments);
        try {
            Path errors = folder.resolve("exiftool-errors.txt");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("exiftool did not finish: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("exiftool failed (" + process.exitValue() + "): " + command + "\n"
                        + Files.readString(errors));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
