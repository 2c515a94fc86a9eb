package dev.pinhole.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * exiftool (Debian's libimage-exiftool-perl), the independent judge of what metadata a file carries: tests
 * write tags into copies of sample images with it and ask it what is left after cleaning.
 */
public final class ExifTool {
    private static final long TIMEOUT_SECONDS = 60;
    private final Path executable;

    private ExifTool(Path executable) {
        this.executable = executable;
    }

    /** exiftool from PATH; skips the test without it, or fails it where PINHOLE_REQUIRE_ALL_TESTS=1. */
    public static ExifTool require() {
        return new ExifTool(RequiredTools.require("exiftool (Debian package libimage-exiftool-perl)",
                RequiredTools.onPath("exiftool")));
    }

    /**
     * Writes tags into {@code file} in place, one exiftool argument each: {@code -GPSLatitude=48.8584},
     * {@code -XMP-dc:Creator=Jane Doe}, {@code -ICC_Profile<=/path/to/profile.icc}.
     */
    public void write(Path file, String... assignments) {
        List<String> command = new ArrayList<>(List.of("-q", "-q", "-overwrite_original"));
        command.addAll(List.of(assignments));
        command.add(file.toString());
        run(command);
    }

    /**
     * Every tag exiftool finds in {@code file}, keyed by family-1 group and name ("GPS:GPSLatitude",
     * "IFD0:Make", "XMP-dc:Creator", "ICC_Profile:ProfileDescription"), values as exiftool prints them.
     * The System, File and ExifTool groups, which describe the file on disk rather than its contents, are left out.
     */
    public Map<String, String> tags(Path file) {
        String json = run(List.of("-j", "-a", "-G1", "-s", file.toString()));
        JsonObject object = JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String group = entry.getKey().contains(":") ? entry.getKey().substring(0, entry.getKey().indexOf(':')) : "";
            if (!group.equals("System") && !group.equals("File") && !group.equals("ExifTool") && !entry.getKey().equals("SourceFile")) {
                JsonElement value = entry.getValue();
                tags.put(entry.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
            }
        }
        return tags;
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        try {
            Path errors = Files.createTempFile("exiftool", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("exiftool did not finish within " + TIMEOUT_SECONDS + " s: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("exiftool exited with " + process.exitValue() + " for " + command + ": "
                            + Files.readString(errors));
                }
                return output;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running exiftool", e);
        }
    }
}
