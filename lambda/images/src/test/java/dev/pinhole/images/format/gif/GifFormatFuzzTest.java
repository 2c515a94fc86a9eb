package dev.pinhole.images.format.gif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pinhole.images.format.FormatFuzzing;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of GIF inspection and cleaning (see {@link FormatFuzzing#check} for the properties).
 *
 * <p>Every build replays the corpus committed under {@code src/test/resources/dev/pinhole/images/format/gif/
 * GifFormatFuzzTestInputs/inspectAndClean_endInAResultOrARefusal/}: valid GIFs (still and animated) and one
 * file for each refusal class, each named for its outcome. {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (or
 * {@code -Djazzer.max_duration=30m}); a finding lands in that folder as a crash-* file, to be renamed for its
 * outcome once fixed.
 */
class GifFormatFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/pinhole/images/format/gif/GifFormatFuzzTestInputs/"
            + "inspectAndClean_endInAResultOrARefusal");
    private static final GifFormat GIF = new GifFormat();

    @FuzzTest(maxDuration = "5m")
    // ASCII without line breaks: Jazzer writes the entries as UTF-8 (a char above 0x7F becomes two bytes) and
    // leaves \t \n \f \r unescaped, which breaks the dictionary file.
    @DictionaryEntries({"GIF89a", "GIF87a", "NETSCAPE2.0", "XMP DataXMP", "ICCRGBG1012", "ANIMEXTS1.0",
            "!\u0001", ",\u0000\u0000\u0000\u0000", ";", "\u0002\u0002D\u0001\u0000"})
    void inspectAndClean_endInAResultOrARefusal(byte[] data) {
        FormatFuzzing.check(GIF, data);
    }

    @Test
    void corpus_eachInputEndsTheWayItsNameSays() throws IOException {
        // Given the committed corpus, When each input is inspected and cleaned, Then its name tells the outcome
        int inputs = FormatFuzzing.assertCorpusOutcomesMatchNames(GIF, CORPUS);
        assertTrue(inputs >= 20, "only " + inputs + " inputs in the GIF corpus");
    }
}
