package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The properties every format's fuzz test checks, and the check that its committed corpus says what each
 * input is. Corpus files are named {@code <outcome>-<description>}, where the outcome is {@code ok} or a
 * refusal code ({@code truncated-cut-in-idat}); the replay in every build holds each to its name.
 */
public final class FormatFuzzing {
    /**
     * Smaller than the defaults so that the fuzzer reaches every limit with inputs of a few kilobytes and an
     * accepted input never costs more than a few megabytes of inflating.
     */
    public static final InspectionLimits LIMITS = new InspectionLimits(4_000_000, 100, 1_000);

    private FormatFuzzing() {
    }

    /**
     * Inspects and cleans {@code data}: every input must end in an inspection or a {@link Refusal}, never any
     * other exception; an accepted input must clean without refusal (PNG and GIF metadata is always removable),
     * the cleaned file must inspect as the same picture, and cleaning it again must change nothing.
     *
     * @return the refusal, or empty when the input was accepted
     */
    public static Optional<Refusal> check(ImageFormat format, byte[] data) {
        Inspection inspection;
        try {
            inspection = format.inspect(data, LIMITS);
        } catch (Refusal refusal) {
            return Optional.of(refusal);
        }
        for (MetadataPolicy policy : new MetadataPolicy[] {MetadataPolicy.PRIVACY_DEFAULT, new MetadataPolicy(true)}) {
            Cleaning cleaning = cleanAccepted(format, data, policy);
            if (!cleaning.changed()) {
                assertSame(data, cleaning.bytes(), "an image with nothing to remove is published as it came");
            }
            assertEquals(inspection, reinspect(format, cleaning.bytes()), "the cleaned file is the same picture");
            Cleaning again = cleanAccepted(format, cleaning.bytes(), policy);
            assertSame(cleaning.bytes(), again.bytes(), "cleaning twice changes nothing the second time");
        }
        return Optional.empty();
    }

    /** Asserts that every corpus file's outcome is the one its name starts with; returns the file count. */
    public static int assertCorpusOutcomesMatchNames(ImageFormat format, Path corpus) throws IOException {
        List<String> wrong = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                String expected = name.substring(0, Math.max(0, name.indexOf('-')));
                String actual = check(format, Files.readAllBytes(file)).map(r -> r.reason().code()).orElse("ok");
                if (!expected.equals(actual)) {
                    wrong.add(name + " -> " + actual);
                }
                count++;
            }
        }
        assertEquals(List.of(), wrong, "corpus files whose outcome is not the one their name says");
        assertTrue(count > 0, "no corpus in " + corpus.toAbsolutePath());
        return count;
    }

    private static Cleaning cleanAccepted(ImageFormat format, byte[] data, MetadataPolicy policy) {
        try {
            return format.clean(data, policy);
        } catch (Refusal refusal) {
            return fail("an accepted image was refused by the cleaner: " + refusal.detail());
        }
    }

    private static Inspection reinspect(ImageFormat format, byte[] cleaned) {
        try {
            return format.inspect(cleaned, LIMITS);
        } catch (Refusal refusal) {
            return fail("the cleaned file is refused: " + refusal.reason().code() + ": " + refusal.detail());
        }
    }
}
