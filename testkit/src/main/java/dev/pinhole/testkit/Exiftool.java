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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * exiftool (Debian's libimage-exiftool-perl), the independent judge of image metadata in tests: it writes
 * the metadata fixtures carry and reads what a cleaned image still holds, on bytes ({@link #write(byte[], String,
 * String...)}, {@link #read}) or on files in place ({@link #writeInPlace}, {@link #tags}). Found through
 * {@link RequiredTools}: skipped where it is missing, a failure where every test must run.
 *
 * <p>The one wrapper for every module (there were two, Exiftool and ExifTool, which also cannot both exist in a
 * checkout on a case-insensitive file system such as macOS's default).
 */
public final class Exiftool {
    private final Path executable;
    private final Path workDir;

    private Exiftool(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** The exiftool on this machine, working on temporary files in {@code workDir}. */
    public static Exiftool require(Path workDir) {
        return new Exiftool(RequiredTools.require("exiftool (Debian package libimage-exiftool-perl)",
                RequiredTools.onPath("exiftool", "/usr/bin/exiftool")), workDir);
    }

    /** For tests that work on files in place only: temporary copies of bytes go to the system's temporary directory. */
    public static Exiftool require() {
        return require(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Writes tags into {@code file} in place, one exiftool argument each: {@code -GPSLatitude=48.8584},
     * {@code -XMP-dc:Creator=Jane Doe}, {@code -ICC_Profile<=/path/to/profile.icc}. Values are read as exiftool
     * prints them (no {@code -n}), so "48.8584" and "N" go to GPSLatitude and its Ref.
     */
    public void writeInPlace(Path file, String... assignments) {
        List<String> command = new ArrayList<>(List.of("-q", "-q", "-overwrite_original"));
        command.addAll(List.of(assignments));
        command.add(file.toString());
        run(command);
    }

    /**
     * Every tag exiftool finds in {@code file}, keyed by family-1 group and name ("GPS:GPSLatitude",
     * "IFD0:Make", "XMP-dc:Creator", "ICC_Profile:ProfileDescription"), values as exiftool prints them (formatted,
     * unlike {@link #read}). The System, File and ExifTool groups, which describe the file on disk rather than its
     * contents, are left out.
     */
    public Map<String, String> tags(Path file) {
        String json = run(List.of("-j", "-a", "-G1", "-s", file.toString()));
        JsonObject object = JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String key = entry.getKey();
            String group = key.contains(":") ? key.substring(0, key.indexOf(':')) : "";
            boolean aboutTheFile = group.equals("System") || group.equals("File") || group.equals("ExifTool");
            if (!aboutTheFile && !key.equals("SourceFile")) {
                JsonElement value = entry.getValue();
                tags.put(key, value.isJsonPrimitive() ? value.getAsString() : value.toString());
            }
        }
        return tags;
    }

    /** A copy of {@code image} with exiftool's {@code tagArguments} (e.g. "-GPSLatitude=48.85") applied. */
    public byte[] write(byte[] image, String extension, String... tagArguments) {
        Path file = temporary(image, extension);
        List<String> command = new ArrayList<>(List.of("-q", "-q", "-overwrite_original", "-n"));
        command.addAll(List.of(tagArguments));
        command.add(file.toString());
        run(command);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    /**
     * Every tag exiftool reads in {@code image}, as "Group:Tag" (family 1 group, e.g. "GPS:GPSLatitude",
     * "XMP-dc:Creator") to its value, numbers unformatted ({@code -n}); System and ExifTool tags left out.
     */
    public Map<String, String> read(byte[] image, String extension) {
        Path file = temporary(image, extension);
        try {
            String json = run(List.of("-j", "-G1", "-a", "-n", "-struct", "--System:all", "--ExifTool:all",
                    file.toString()));
            JsonObject tags = JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
            Map<String, String> result = new TreeMap<>();
            for (Map.Entry<String, JsonElement> tag : tags.entrySet()) {
                if (!tag.getKey().equals("SourceFile")) {
                    JsonElement value = tag.getValue();
                    result.put(tag.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
                }
            }
            return result;
        } finally {
            delete(file);
        }
    }

    private Path temporary(byte[] image, String extension) {
        try {
            Path file = Files.createTempFile(workDir, "exiftool-", "." + extension);
            Files.write(file, image);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("exiftool failed: " + command + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exiftool ran", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tags outside the ICC profile's own groups (ICC-header, ICC_Profile...), whose names (DeviceModel,
     * ProfileCreator) describe the colour profile's maker, not the picture's.
     */
    public static Map<String, String> outsideColourProfile(Map<String, String> tags) {
        Map<String, String> found = new TreeMap<>(tags);
        found.keySet().removeIf(name -> name.startsWith("ICC"));
        return found;
    }

    /** For assertions: the tags whose "Group:Tag" name contains any of {@code fragments}. */
    public static Map<String, String> matching(Map<String, String> tags, String... fragments) {
        Map<String, String> found = new TreeMap<>();
        tags.forEach((name, value) -> {
            for (String fragment : fragments) {
                if (name.contains(fragment)) {
                    found.put(name, value);
                }
            }
        });
        return found;
    }
}
