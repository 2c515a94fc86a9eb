package dev.pinhole.images.format.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pinhole.images.format.CheckedImage;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of inspect and clean. In the normal test run Jazzer replays every input committed
 * under {@code src/test/resources/dev/pinhole/images/format/jpeg/JpegFormatFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes instead (see docs/formats/jpeg.md) and writes findings there as crash-* files.
 */
class JpegFormatFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/pinhole/images/format/jpeg/JpegFormatFuzzTestInputs/"
            + "inspectAndClean_endInAResultOrARefusal");
    private static final ImageFormat JPEG = new JpegFormat();
    private static final List<MetadataPolicy> POLICIES = List.of(MetadataPolicy.PRIVACY_DEFAULT, new MetadataPolicy(true));

    /**
     * Every input ends in a result or a {@link Refusal}; an accepted one cleans without refusal, to a JPEG
     * that inspects the same, holds only the segments display needs, and does not change when cleaned again.
     * The one-walk {@code inspectAndClean} answers every input exactly as {@code inspect} then {@code clean}.
     */
    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "jpeg.dict")
    void inspectAndClean_endInAResultOrARefusal(byte[] image) {
        Inspection inspection;
        try {
            inspection = JPEG.inspect(image, InspectionLimits.DEFAULT);
        } catch (Refusal refusal) {
            assertNotNull(refusal.reason());
            cleanAnything(image);
            Refusal oneWalk = assertThrows(Refusal.class,
                    () -> JPEG.inspectAndClean(image, InspectionLimits.DEFAULT, MetadataPolicy.PRIVACY_DEFAULT));
            assertEquals(refusal.reason(), oneWalk.reason());
            assertEquals(refusal.detail(), oneWalk.detail());
            return;
        }
        for (MetadataPolicy policy : POLICIES) {
            Cleaning cleaning = JPEG.clean(image, policy);
            byte[] cleaned = cleaning.bytes();
            assertSameAsTwoWalks(image, policy, inspection, cleaning);
            if (!cleaning.changed()) {
                assertSame(image, cleaned, "an image with nothing removed must come back as the same array");
            }
            assertEquals(inspection, JPEG.inspect(cleaned, InspectionLimits.DEFAULT));
            CleanedJpegOracle.check(cleaned);
            assertSame(cleaned, JPEG.clean(cleaned, policy).bytes(), "cleaning twice changed something");
        }
    }

    private static void assertSameAsTwoWalks(byte[] image, MetadataPolicy policy, Inspection inspection,
            Cleaning cleaning) {
        CheckedImage oneWalk = JPEG.inspectAndClean(image, InspectionLimits.DEFAULT, policy);
        assertEquals(inspection, oneWalk.inspection());
        assertEquals(cleaning.removed(), oneWalk.cleaning().removed());
        assertArrayEquals(cleaning.bytes(), oneWalk.cleaning().bytes());
        assertEquals(cleaning.bytes() == image, oneWalk.cleaning().bytes() == image,
                "one walk and two must agree on handing back the very same array");
    }

    /** The contract asks clean for accepted bytes only, but even so it must refuse, not throw. */
    private static void cleanAnything(byte[] image) {
        try {
            JPEG.clean(image, MetadataPolicy.PRIVACY_DEFAULT);
        } catch (Refusal expected) {
            assertNotNull(expected.reason());
        }
    }

    @Test
    void corpus_isCommitted() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            long count = files.filter(Files::isRegularFile).count();
            assertTrue(count >= 30, "only " + count + " corpus files in " + CORPUS.toAbsolutePath());
        }
    }

    /** The corpus names say what each input is: those named ok-* must be accepted and no other may be. */
    @Test
    void corpus_onlyInputsNamedOkAreAccepted() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String outcome;
                try {
                    JPEG.inspect(Files.readAllBytes(file), InspectionLimits.DEFAULT);
                    outcome = "accepted";
                } catch (Refusal refusal) {
                    outcome = refusal.reason().code();
                }
                if (name.startsWith("ok-") != outcome.equals("accepted")) {
                    wrong.add(name + " -> " + outcome);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
