package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every format must do with any input, for the fuzz tests: answer with an inspection or a Refusal
 * (never another exception); clean an accepted file, or refuse it as metadata_not_removable; return the
 * input itself when nothing was removed; produce a file that inspects the same and that a second
 * cleaning leaves alone; and answer {@code inspectAndClean} exactly as inspect then clean.
 */
public final class FormatFuzzOracle {
    /** Small limits, so that the fuzzer reaches them: 1 megapixel, 64 frames, 2,000 parts. */
    public static final InspectionLimits LIMITS = new InspectionLimits(1 << 20, 64, 2_000);

    private FormatFuzzOracle() {
    }

    /** Corpus files whose name says otherwise than inspection: ok-* refused, or a hostile input accepted. */
    public static List<String> misnamedCorpusFiles(ImageFormat format, Path corpus) throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("crash-")) {
                    continue;
                }
                String outcome;
                try {
                    format.inspect(Files.readAllBytes(file), LIMITS);
                    outcome = "accepted";
                } catch (Refusal refused) {
                    outcome = refused.reason().code() + ": " + refused.detail();
                }
                if (name.startsWith("ok-") != outcome.equals("accepted")) {
                    wrong.add(name + " -> " + outcome);
                }
            }
        }
        return wrong;
    }

    public static void check(ImageFormat format, byte[] data) {
        Inspection inspection;
        try {
            inspection = format.inspect(data, LIMITS);
        } catch (Refusal refused) {
            assertRefusedInOneCall(format, data, refused);
            return;
        }
        Cleaning cleaning;
        try {
            cleaning = format.clean(data, MetadataPolicy.PRIVACY_DEFAULT);
        } catch (Refusal refused) {
            assertEquals(RefusalReason.METADATA_NOT_REMOVABLE, refused.reason(),
                    () -> "an accepted file was refused when cleaned: " + refused.detail());
            assertRefusedInOneCall(format, data, refused);
            return;
        }
        CheckedImage oneCall = format.inspectAndClean(data, LIMITS, MetadataPolicy.PRIVACY_DEFAULT);
        assertEquals(inspection, oneCall.inspection(), "inspectAndClean inspects differently");
        assertEquals(cleaning.removed(), oneCall.cleaning().removed(), "inspectAndClean removes something else");
        assertArrayEquals(cleaning.bytes(), oneCall.cleaning().bytes(), "inspectAndClean cleans differently");
        if (!cleaning.changed()) {
            assertSame(data, cleaning.bytes(), "nothing was removed, yet the bytes are a new array");
        }
        assertEquals(inspection, format.inspect(cleaning.bytes(), LIMITS), "the cleaned file inspects differently");
        Cleaning again = format.clean(cleaning.bytes(), MetadataPolicy.PRIVACY_DEFAULT);
        assertSame(cleaning.bytes(), again.bytes(), () -> "a second cleaning removed " + again.removed());
    }

    /** inspectAndClean answers as inspect then clean do, refusals included. */
    private static void assertRefusedInOneCall(ImageFormat format, byte[] data, Refusal expected) {
        Refusal refused = assertThrows(Refusal.class, () -> format.inspectAndClean(data, LIMITS, MetadataPolicy.PRIVACY_DEFAULT),
                "inspectAndClean accepted what inspect then clean refuse");
        assertEquals(expected.reason(), refused.reason());
        assertEquals(expected.detail(), refused.detail());
    }
}
