package dev.pinhole.images.format.png;

import static dev.pinhole.images.format.FormatTesting.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a file can fail to be a PNG Pinhole publishes is refused, each with its own reason. */
class PngRefusalTest {
    private static final byte[] VALID = SampleImages.png(64, 48);
    private final PngFormat png = new PngFormat();

    @Test
    void inspect_refusesRandomBytesAsNotAnImage() {
        // Given 4 KB of random bytes named x.png
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);

        // When inspected, Then they are not an image at all
        assertRefused(RefusalReason.NOT_AN_IMAGE, png, noise);
    }

    @Test
    void inspect_refusesAnEmptyFileAsNotAnImage() {
        assertRefused(RefusalReason.NOT_AN_IMAGE, png, new byte[0]);
    }

    @ParameterizedTest(name = "{0} bytes on a png ticket")
    @ValueSource(strings = {"jpg", "gif", "webp", "avif"})
    void inspect_refusesAnotherImageTypeAsWrongType(String type) {
        // Given the first bytes of another image type
        byte[] other = switch (type) {
            case "jpg" -> SampleImages.jpeg(32, 32);
            case "gif" -> SampleImages.gif(32, 32);
            case "webp" -> "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
            default -> "\0\0\0\u001cftypavif\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        };

        // When inspected as a PNG, Then the reason names the mismatch, and the detail the type found
        String detail = assertRefused(RefusalReason.WRONG_TYPE, png, other);
        String name = switch (type) {
            case "jpg" -> "JPEG";
            case "webp" -> "WebP";
            default -> type.toUpperCase();
        };
        assertTrue(detail.contains(name), detail);
    }

    @Test
    void inspect_refusesSignatureMangledByTextModeTransferAsMalformed() {
        // Given a PNG whose CR LF was turned into LF (an FTP ASCII transfer)
        byte[] mangled = new byte[VALID.length - 1];
        System.arraycopy(VALID, 0, mangled, 0, 4);
        System.arraycopy(VALID, 5, mangled, 4, VALID.length - 5);

        assertRefused(RefusalReason.MALFORMED, png, mangled);
    }

    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {5, 8, 12, 20, 32, 33, 40, 100, -13, -12, -1})
    void inspect_refusesTruncatedFile(int cut) {
        // Given a valid PNG cut short (a negative cut counts from the end: -12 loses exactly IEND)
        byte[] truncated = Arrays.copyOf(VALID, cut > 0 ? cut : VALID.length + cut);

        // When inspected, Then it is incomplete
        assertRefused(RefusalReason.TRUNCATED, png, truncated);
    }

    @ParameterizedTest(name = "{0} after IEND")
    @ValueSource(strings = {"html", "zip", "one zero byte"})
    void inspect_refusesDataAfterIend(String what) {
        // Given a valid PNG followed by an HTML page, a ZIP archive (a polyglot) or a stray byte
        byte[] tail = switch (what) {
            case "html" -> "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
            case "zip" -> new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0};
            default -> new byte[1];
        };
        byte[] polyglot = Arrays.copyOf(VALID, VALID.length + tail.length);
        System.arraycopy(tail, 0, polyglot, VALID.length, tail.length);

        // When inspected, Then the extra data is named
        assertRefused(RefusalReason.TRAILING_DATA, png, polyglot);
    }

    @Test
    void inspect_refusesPixelBombFromItsHeaderWithoutInflating() {
        // Given an 83-byte PNG declaring 100,000 x 100,000 pixels whose "image data" is not even zlib
        byte[] bomb = PngBytes.withHeader(100_000, 100_000, 8, 2).chunk("IDAT", new byte[26]).end().bytes();
        assertEquals(83, bomb.length);

        // When inspected, Then the pixel count alone refuses it (an inflate would have found the bad stream)
        String detail = assertRefused(RefusalReason.TOO_MANY_PIXELS, png, bomb);
        assertTrue(detail.contains("100000 x 100000"), detail);
    }

    @Test
    void inspect_refusesImageOverAConfiguredPixelLimit() {
        // Given a 64 x 48 PNG and a limit of 3,000 pixels
        InspectionLimits limits = new InspectionLimits(3_000, 10, 100);

        assertRefused(RefusalReason.TOO_MANY_PIXELS, png, VALID, limits);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"0, 10", "10, 0", "0, 0"})
    void inspect_refusesZeroDimensionsAsNoPixels(long width, long height) {
        byte[] empty = PngBytes.withHeader(width, height, 8, 2).idat(new byte[0]).end().bytes();

        assertRefused(RefusalReason.NO_PIXELS, png, empty);
    }

    @Test
    void inspect_refusesDimensionBeyondPngsRange() {
        byte[] huge = PngBytes.withHeader(0x8000_0000L, 1, 8, 0).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, huge, new InspectionLimits(Long.MAX_VALUE, 1, 100));
    }

    @Test
    void inspect_refusesZipBombImageData() {
        // Given a 100 x 100 grey PNG (10,100 bytes of image data) whose IDAT inflates to 64 MiB of zeros
        byte[] bomb = PngBytes.withHeader(100, 100, 8, 0).idat(new byte[64 << 20]).end().bytes();
        assertTrue(bomb.length < 100_000, "the bomb is small: " + bomb.length);

        // When inspected, Then it is refused the moment the stream passes what IHDR allows
        String detail = assertRefused(RefusalReason.MALFORMED, png, bomb);
        assertTrue(detail.contains("more than the 10100 bytes"), detail);
    }

    @ParameterizedTest(name = "image data of {0} bytes for 10 x 10 grey (110 needed)")
    @ValueSource(ints = {0, 109, 111})
    void inspect_refusesImageDataOfTheWrongSize(int rawBytes) {
        byte[] image = PngBytes.withHeader(10, 10, 8, 0).idat(new byte[rawBytes]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesImageDataWhoseStreamDoesNotEnd() {
        // Given a PNG whose zlib stream was cut in the middle but whose chunks are intact
        byte[] stream = PngBytes.zlib(new byte[110]);
        byte[] image = PngBytes.withHeader(10, 10, 8, 0).chunk("IDAT", Arrays.copyOf(stream, stream.length - 5))
                .end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesBytesAfterTheCompressedStreamInsideIdat() {
        byte[] stream = PngBytes.zlib(new byte[110]);
        byte[] image = PngBytes.withHeader(10, 10, 8, 0).chunk("IDAT", Arrays.copyOf(stream, stream.length + 50))
                .end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesImageDataThatIsNotZlib() {
        byte[] image = PngBytes.withHeader(10, 10, 8, 0).chunk("IDAT", new byte[] {1, 2, 3, 4, 5, 6}).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_acceptsTenThousandTextChunksWithinTheDefaultLimit() {
        // Given a PNG carrying 10,000 text chunks before its image data
        byte[] flood = textFlood(10_000);

        // When inspected with the default limits, Then it is an ordinary (if silly) image
        assertEquals(new Inspection(64, 48, 1), png.inspect(flood, InspectionLimits.DEFAULT));
    }

    @Test
    void inspect_refusesChunkFloodOverTheConfiguredLimit() {
        // Given the same flood and a limit of 5,000 parts
        byte[] flood = textFlood(10_000);

        // When inspected, Then it is refused as too complex
        assertRefused(RefusalReason.TOO_COMPLEX, png, flood, new InspectionLimits(100_000_000, 100, 5_000));
    }

    @Test
    void inspect_refusesWrongCrc() {
        // Given a valid PNG with one bit of its IHDR CRC flipped
        byte[] damaged = VALID.clone();
        damaged[29] ^= 1;

        String detail = assertRefused(RefusalReason.MALFORMED, png, damaged);
        assertTrue(detail.contains("CRC"), detail);
    }

    @Test
    void inspect_refusesWrongCrcInTheImageData() {
        byte[] damaged = VALID.clone();
        damaged[damaged.length - 20] ^= 0x40; // inside the last IDAT's data
        assertRefused(RefusalReason.MALFORMED, png, damaged);
    }

    @Test
    void inspect_refusesUnknownCriticalChunk() {
        byte[] image = PngBytes.insertBeforeImageData(VALID, PngBytes.chunkBytes("QUUX", new byte[4]));

        String detail = assertRefused(RefusalReason.MALFORMED, png, image);
        assertTrue(detail.contains("QUUX"), detail);
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(strings = {"ab1d", "abcd", "a d ", "\0\0\0\0"})
    void inspect_refusesChunkTypeThatIsNotFourLettersWithUpperCaseThird(String type) {
        byte[] image = PngBytes.insertBeforeImageData(VALID,
                PngBytes.chunkBytes(type, new byte[0]));

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesChunkLengthBeyondPngsRange() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 0).raw(new byte[] {(byte) 0x80, 0, 0, 0, 'I', 'D', 'A', 'T'})
                .bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesChunkLengthRunningPastTheFile() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 0).raw(new byte[] {0, 0x10, 0, 0, 'I', 'D', 'A', 'T', 1, 2})
                .bytes();

        assertRefused(RefusalReason.TRUNCATED, png, image);
    }

    @Test
    void inspect_refusesFileWhoseFirstChunkIsNotIhdr() {
        byte[] image = PngBytes.start().text("Comment", "first").raw(Arrays.copyOfRange(VALID, 8, VALID.length))
                .bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesIhdrOfTheWrongLength() {
        byte[] image = PngBytes.start().chunk("IHDR", Arrays.copyOf(PngBytes.ihdr(1, 1, 8, 0, 0), 14))
                .idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesSecondIhdr() {
        byte[] image = PngBytes.insertBeforeImageData(VALID,
                PngBytes.chunkBytes("IHDR", PngBytes.ihdr(64, 48, 8, 2, 0)));

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @ParameterizedTest(name = "bit depth {0}, colour type {1}")
    @CsvSource({"3, 0", "16, 3", "4, 2", "1, 6", "8, 1", "8, 5", "8, 7", "0, 0", "32, 6"})
    void inspect_refusesInvalidBitDepthAndColourType(int depth, int colourType) {
        byte[] image = PngBytes.withHeader(1, 1, depth, colourType).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @ParameterizedTest(name = "compression {0}, filter {1}, interlace {2}")
    @CsvSource({"1, 0, 0", "0, 1, 0", "0, 0, 2"})
    void inspect_refusesUnknownMethods(int compression, int filter, int interlace) {
        byte[] header = PngBytes.ihdr(1, 1, 8, 0, interlace);
        header[10] = (byte) compression;
        header[11] = (byte) filter;
        byte[] image = PngBytes.start().chunk("IHDR", header).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesImageDataChunksThatAreNotConsecutive() {
        byte[] data = PngBytes.zlib(new byte[2]);
        byte[] image = PngBytes.withHeader(1, 1, 8, 0)
                .chunk("IDAT", Arrays.copyOf(data, 4)).text("Comment", "between")
                .chunk("IDAT", Arrays.copyOfRange(data, 4, data.length)).end().bytes();

        String detail = assertRefused(RefusalReason.MALFORMED, png, image);
        assertTrue(detail.contains("consecutive"), detail);
    }

    @Test
    void inspect_refusesFileWithoutImageData() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 0).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesIendWithData() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 0).idat(new byte[2]).chunk("IEND", new byte[1]).bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesPaletteImageWithoutPalette() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 3).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesPaletteAfterTheImageData() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 2).idat(new byte[4]).chunk("PLTE", new byte[3]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesPaletteInAGreyscaleImage() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 0).chunk("PLTE", new byte[3]).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @ParameterizedTest(name = "{0} palette bytes for a 2-bit image")
    @ValueSource(ints = {0, 4, 15, 770})
    void inspect_refusesPaletteOfTheWrongSize(int length) {
        byte[] image = PngBytes.withHeader(1, 1, 2, 3).chunk("PLTE", new byte[length]).idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    @Test
    void inspect_refusesSecondPalette() {
        byte[] image = PngBytes.withHeader(1, 1, 8, 3).chunk("PLTE", new byte[3]).chunk("PLTE", new byte[3])
                .idat(new byte[2]).end().bytes();

        assertRefused(RefusalReason.MALFORMED, png, image);
    }

    static byte[] textFlood(int count) {
        byte[][] texts = new byte[count][];
        for (int k = 0; k < count; k++) {
            texts[k] = PngBytes.chunkBytes("tEXt", ("Comment\0note " + k).getBytes(StandardCharsets.ISO_8859_1));
        }
        return PngBytes.insertBeforeImageData(VALID, texts);
    }

    static byte[] u32s(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }
}
