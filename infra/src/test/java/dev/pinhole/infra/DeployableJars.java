package dev.pinhole.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The jars that ship to AWS: every module whose pom shades a jar with the classifier {@code aws}
 * (lambda/tickets today, each new function module tomorrow), found by that pattern rather than by name. Can
 * copy the sources to a clean folder and package exactly those modules there, tests skipped and offline.
 */
final class DeployableJars {
    /** What a fresh checkout does not have: build output, installed validators, local data, git. */
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules", ".git", ".pinhole");
    private static final String SHADED_AWS_JAR = "<shadedClassifierName>aws</shadedClassifierName>";

    private DeployableJars() {
    }

    /** The modules (paths relative to the root, with '/') that build a deployable jar. */
    static List<String> modules(Path root) throws IOException {
        List<String> modules = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path pom : files.filter(file -> file.getFileName().toString().equals("pom.xml"))
                    .filter(file -> isSource(root, file)).sorted().toList()) {
                if (Files.readString(pom, StandardCharsets.UTF_8).contains(SHADED_AWS_JAR)) {
                    modules.add(root.relativize(pom.getParent()).toString().replace('\\', '/'));
                }
            }
        }
        return modules;
    }

    /** Copies the sources, as a fresh clone has them, to {@code target}. */
    static Path cleanCopy(Path root, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> isSource(root, f)).toList()) {
                Path copy = target.resolve(root.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (Files.isRegularFile(file)) {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /**
     * Packages the modules in {@code copy} with the Maven running this build and returns each module's
     * {@code *-aws.jar} SHA-256. Fails when a module does not leave exactly one such jar.
     */
    static Map<String, String> build(Path maven, Path copy, List<String> modules, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(maven.toString(), "-B", "-o", "-q", "-Dmaven.test.skip=true",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "-pl", String.join(",", modules),
                "-am", "package");
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // A short build: the JIT's first tier and the serial collector need about a third of the CPU time.
        builder.environment().merge("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                (mine, cheap) -> mine + " " + cheap);
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the build in " + copy + " took over 300 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the build in " + copy + " failed:\n" + Files.readString(log));
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String module : modules) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(copy.resolve(module).resolve("target"))) {
                jars = files.filter(file -> file.getFileName().toString().endsWith("-aws.jar")).toList();
            }
            if (jars.size() != 1) {
                throw new AssertionError(module + " left " + jars + ", not one *-aws.jar");
            }
            hashes.put(module + "/target/" + jars.get(0).getFileName(), sha256(jars.get(0)));
        }
        return hashes;
    }

    private static boolean isSource(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (NOT_SOURCES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
