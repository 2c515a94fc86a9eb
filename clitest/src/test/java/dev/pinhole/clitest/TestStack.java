package dev.pinhole.clitest;

import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A local stack on random ports with default settings and its own data directory, removed when it is closed. */
record TestStack(LocalStack stack, Path data) implements AutoCloseable {
    static TestStack start(LocalOptions options) {
        try {
            Path data = Files.createTempDirectory("pinhole-clitest");
            return new TestStack(LocalStack.start(LocalSettings.forTests(data), Map.of(), options), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stack.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
