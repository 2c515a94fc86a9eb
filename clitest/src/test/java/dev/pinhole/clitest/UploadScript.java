package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pinhole.testkit.RequiredTools;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real scripts/upload.sh with bash, in a sandbox: HOME, XDG_CONFIG_HOME and TMPDIR point into
 * a fresh directory, so the developer's own config file, token, state file and clipboard are never used.
 * XDG_STATE_HOME is unset, so the state file is under the sandbox's HOME unless a test sets it.
 */
final class UploadScript {
    private static final long TIMEOUT_SECONDS = 60;
    /** Variables of the developer's session that would change what the script does. */
    private static final List<String> SCRUBBED = List.of("PINHOLE_URL", "PINHOLE_TOKEN", "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "DISPLAY", "WAYLAND_DISPLAY", "CURL_HOME", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
            "all_proxy", "ALL_PROXY");

    private final Path sandbox;
    private final Map<String, String> environment = new HashMap<>(System.getenv());
    private byte[] stdin = new byte[0];
    private String umask;

    /** Checks that bash, curl and jq are here (skips, or fails in CI); call it before any test runs. */
    static void requireTools() {
        RequiredTools.require("bash", RequiredTools.onPath("bash"));
        RequiredTools.require("curl (Debian package curl)", RequiredTools.onPath("curl"));
        RequiredTools.require("jq (Debian package jq)", RequiredTools.onPath("jq"));
    }

    UploadScript(Path sandbox) {
        this.sandbox = sandbox;
        SCRUBBED.forEach(environment::remove);
        environment.put("HOME", dir("home").toString());
        environment.put("XDG_CONFIG_HOME", dir("config").toString());
        environment.put("TMPDIR", dir("tmp").toString());
        environment.put("LC_ALL", "C");
    }

    static Path location() {
        for (Path candidate : List.of(Path.of("scripts", "upload.sh"), Path.of("..", "scripts", "upload.sh"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("scripts/upload.sh not found from " + Path.of("").toAbsolutePath());
    }

    UploadScript env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs the script under this umask (e.g. "000"), to show it does not rely on the caller's. */
    UploadScript umask(String mask) {
        this.umask = mask;
        return this;
    }

    /** Where the script keeps its delete actions: under XDG_STATE_HOME if a test set it, else under HOME. */
    StateFile stateFile() {
        String stateHome = environment.get("XDG_STATE_HOME");
        Path base = stateHome != null ? Path.of(stateHome) : Path.of(environment.get("HOME"), ".local", "state");
        return new StateFile(base.resolve("pinhole").resolve("uploads.jsonl"));
    }

    UploadScript stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    Path configHome() {
        return Path.of(environment.get("XDG_CONFIG_HOME"));
    }

    Path tmpDir() {
        return Path.of(environment.get("TMPDIR"));
    }

    /** Writes ${XDG_CONFIG_HOME}/pinhole/config. */
    UploadScript config(String text) {
        try {
            Path file = configHome().resolve("pinhole").resolve("config");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file in the sandbox with the given bytes, e.g. the image to upload. */
    Path file(String name, byte[] bytes) {
        try {
            return Files.write(dir("files").resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(umask == null ? List.of(bash(), location().toString())
                : List.of(bash(), "-c", "umask " + umask + " && exec \"$0\" \"$@\"", bash(), location().toString()));
        command.addAll(Arrays.asList(args));
        return execute(command);
    }

    /**
     * Runs the script with its stderr on a pseudo-terminal (util-linux {@code script}), as when a person
     * types the command, and its stdout into {@code stdoutFile}. The result's stdout is what the terminal
     * showed.
     */
    Result runOnTerminal(Path stdoutFile, String... args) {
        StringBuilder line = new StringBuilder(quoted(bash())).append(' ').append(quoted(location().toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        line.append(" >").append(quoted(stdoutFile.toString())).append(" </dev/null");
        Path tool = RequiredTools.require("script (Debian package bsdutils)", RequiredTools.onPath("script"));
        return execute(List.of(tool.toString(), "-qec", line.toString(), "/dev/null"));
    }

    /** bash by absolute path: tests may hand the script a PATH without it. */
    private static String bash() {
        return RequiredTools.onPath("bash").map(Path::toString).orElse("bash");
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private Result execute(List<String> command) {
        Path out = sandbox.resolve("stdout");
        Path err = sandbox.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir("files").toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException scriptDidNotRead) {
                // The script may exit before reading stdin (e.g. on a usage error); that is its business.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("upload.sh did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(sandbox.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run left behind: the exit code and both streams. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        /** Asserts the exit code, showing both streams when it is wrong. */
        Result exits(int expected) {
            if (exitCode != expected) {
                fail("expected exit code " + expected + " but was " + exitCode + "\n--- stdout:\n" + stdout
                        + "--- stderr:\n" + stderr);
            }
            return this;
        }

        Result saysOnStderr(String fragment) {
            assertTrue(stderr.contains(fragment), "stderr should contain '" + fragment + "' but was:\n" + stderr);
            return this;
        }
    }
}
