package dev.pinhole.images.format.webp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pinhole.images.format.FormatFuzzOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of WebP inspection and cleaning together ({@link FormatFuzzOracle} says what must hold).
 *
 * <p>In the normal test run Jazzer replays every input committed under
 * {@code src/test/resources/dev/pinhole/images/format/webp/WebpFormatFuzzTestInputs/inspectAndClean_answerEveryInputWithAResultOrARefusal/}:
 * libwebp's own output, the same with exiftool's metadata, and hand-made hostile files, plus every
 * finding of earlier runs. {@code JAZZER_FUZZ=1} fuzzes instead, for {@code maxDuration} or
 * {@code -Djazzer.max_duration=30m}; findings land in that folder as crash-* files.
 */
class WebpFormatFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/pinhole/images/format/webp/WebpFormatFuzzTestInputs/"
            + "inspectAndClean_answerEveryInputWithAResultOrARefusal");
    private static final WebpFormat FORMAT = new WebpFormat();

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP", "EXIF", "XMP ",
            "dc:creator", "GPS"})
    void inspectAndClean_answerEveryInputWithAResultOrARefusal(byte[] data) {
        FormatFuzzOracle.check(FORMAT, data);
    }

    /** The regression run is only as good as its corpus: it must be there. */
    @Test
    void corpus_isCommitted() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            long count = files.filter(Files::isRegularFile).count();
            assertTrue(count >= 20, "only " + count + " corpus files in " + CORPUS.toAbsolutePath());
        }
    }

    /** The hand-made inputs say what they are: those named ok-* inspect, the others are refused (crash-* are findings). */
    @Test
    void corpus_onlyInputsNamedOkAreAccepted() throws IOException {
        assertEquals(List.of(), FormatFuzzOracle.misnamedCorpusFiles(FORMAT, CORPUS));
    }
}
