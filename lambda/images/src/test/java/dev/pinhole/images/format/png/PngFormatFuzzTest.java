package dev.pinhole.images.format.png;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pinhole.images.format.FormatFuzzing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of PNG inspection and cleaning (see {@link FormatFuzzing#check} for the properties).
 *
 * <p>Every build replays the corpus committed under {@code src/test/resources/dev/pinhole/images/format/png/
 * PngFormatFuzzTestInputs/inspectAndClean_endInAResultOrARefusal/}: valid PNGs and APNGs and one file for each
 * refusal class, each named for its outcome. {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (or
 * {@code -Djazzer.max_duration=30m}); a finding lands in that folder as a crash-* file, to be renamed for its
 * outcome once fixed.
 */
class PngFormatFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/pinhole/images/format/png/PngFormatFuzzTestInputs/"
            + "inspectAndClean_endInAResultOrARefusal");
    private static final PngFormat PNG = new PngFormat();

    @FuzzTest(maxDuration = "5m")
    // ASCII without line breaks: Jazzer writes the entries as UTF-8 (a char above 0x7F becomes two bytes) and
    // leaves \t \n \f \r unescaped, which breaks the dictionary file.
    @DictionaryEntries({"PNG", "\u001a", "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "iCCP", "eXIf", "tEXt", "zTXt",
            "iTXt", "tIME", "acTL", "fcTL", "fdAT", "XML:com.adobe.xmp", "Copyright", "MM\u0000*", "II*\u0000",
            "\u0001\u0012\u0000\u0003", "x^", "x\u0001", "\u0000\u0000\u0000\u0000IEND"})
    void inspectAndClean_endInAResultOrARefusal(byte[] data) {
        FormatFuzzing.check(PNG, data);
        // A mutated chunk almost always fails its CRC and stops the walk; the same input with every CRC made
        // right reaches the order, APNG, inflate and cleaning rules behind it.
        FormatFuzzing.check(PNG, withCorrectCrcs(data));
    }

    /** {@code data} with the CRC of every chunk that fits in the file recomputed; the rest left as it is. */
    static byte[] withCorrectCrcs(byte[] data) {
        byte[] fixed = data.clone();
        CRC32 crc = new CRC32();
        long at = PngChunkReader.SIGNATURE.length;
        while (at + 12 <= fixed.length) {
            long length = ByteBuffer.wrap(fixed, (int) at, 4).getInt() & 0xFFFF_FFFFL;
            if (at + 12 + length > fixed.length) {
                break;
            }
            crc.reset();
            crc.update(fixed, (int) at + 4, (int) length + 4);
            ByteBuffer.wrap(fixed, (int) (at + 8 + length), 4).putInt((int) crc.getValue());
            at += 12 + length;
        }
        return fixed;
    }

    @Test
    void corpus_eachInputEndsTheWayItsNameSays() throws IOException {
        // Given the committed corpus, When each input is inspected and cleaned, Then its name tells the outcome
        int inputs = FormatFuzzing.assertCorpusOutcomesMatchNames(PNG, CORPUS);
        assertTrue(inputs >= 20, "only " + inputs + " inputs in the PNG corpus");
    }
}
