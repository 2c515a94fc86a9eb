package dev.pinhole.images.format.gif;

import static dev.pinhole.images.format.FormatTesting.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Formats;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GIFs are published only when every block is well-formed to the trailer and the animation is bounded. */
class GifInspectionTest {
    private static final byte[] STILL = SampleImages.gif(64, 48);
    private final GifFormat gif = new GifFormat();

    @Test
    void inspect_acceptsStillGifFromAnEncoder() {
        assertEquals(new Inspection(64, 48, 1), gif.inspect(STILL, InspectionLimits.DEFAULT));
    }

    @Test
    void inspect_countsTheFramesOfAnAnimation() {
        // Given an animated GIF of 12 frames with its loop extension
        byte[] animation = SampleImages.animatedGif(40, 30, 12);

        // When inspected, Then every frame is counted
        assertEquals(new Inspection(40, 30, 12), gif.inspect(animation, InspectionLimits.DEFAULT));
    }

    @Test
    void inspect_acceptsGif87aAndEveryExtensionKind() {
        // Given a hand-made GIF with a comment, a loop, graphic control, plain text and a local colour table
        byte[] image = GifBytes.start("GIF87a", 4, 4).comment("hello")
                .application("NETSCAPE2.0", new byte[] {1, 0, 0}).graphicControl(5)
                .extension(0x01, new byte[12], "text".getBytes(StandardCharsets.US_ASCII))
                .raw(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, (byte) 0x80, 1, 2, 3, 4, 5, 6}).raw(GifBytes.ONE_PIXEL)
                .trailer().bytes();

        assertEquals(new Inspection(4, 4, 1), gif.inspect(image, InspectionLimits.DEFAULT));
    }

    @Test
    void inspect_refusesGifOfFiveThousandFramesAsTooManyFrames() {
        // Given a 1 x 1 animation of 5,000 frames
        GifBytes flood = GifBytes.screen(1, 1);
        for (int k = 0; k < 5_000; k++) {
            flood.graphicControl(1).pixelFrame();
        }

        // When inspected, Then it is refused for its frame count
        assertRefused(RefusalReason.TOO_MANY_FRAMES, gif, flood.trailer().bytes());
    }

    @Test
    void inspect_refusesBlockFloodOverTheConfiguredLimit() {
        GifBytes flood = GifBytes.screen(1, 1).pixelFrame();
        for (int k = 0; k < 2_000; k++) {
            flood.comment("x");
        }

        assertRefused(RefusalReason.TOO_COMPLEX, gif, flood.trailer().bytes(), new InspectionLimits(100, 10, 1_000));
    }

    @Test
    void inspect_refusesRandomBytesAsNotAnImage() {
        byte[] noise = new byte[2048];
        new Random(5).nextBytes(noise);

        assertRefused(RefusalReason.NOT_AN_IMAGE, gif, noise);
    }

    @Test
    void inspect_refusesPngBytesAsWrongType() {
        String detail = assertRefused(RefusalReason.WRONG_TYPE, gif, SampleImages.png(8, 8));
        assertTrue(detail.contains("PNG"), detail);
    }

    @Test
    void inspect_refusesUnknownGifVersion() {
        byte[] image = STILL.clone();
        image[4] = '8';

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {3, 6, 10, 13, 100, 790, -2, -1})
    void inspect_refusesTruncatedFile(int cut) {
        byte[] truncated = Arrays.copyOf(STILL, cut > 0 ? cut : STILL.length + cut);

        assertRefused(RefusalReason.TRUNCATED, gif, truncated);
    }

    @ParameterizedTest(name = "{0} after the trailer")
    @ValueSource(strings = {"html", "zip"})
    void inspect_refusesDataAfterTheTrailer(String what) {
        byte[] tail = (what.equals("html") ? "<html></html>" : "PK\u0003\u0004").getBytes(StandardCharsets.ISO_8859_1);
        byte[] polyglot = Arrays.copyOf(STILL, STILL.length + tail.length);
        System.arraycopy(tail, 0, polyglot, STILL.length, tail.length);

        assertRefused(RefusalReason.TRAILING_DATA, gif, polyglot);
    }

    @ParameterizedTest(name = "screen {0} x {1}")
    @CsvSource({"0, 1", "1, 0", "0, 0"})
    void inspect_refusesZeroScreenAsNoPixels(int width, int height) {
        assertRefused(RefusalReason.NO_PIXELS, gif, GifBytes.screen(width, height).pixelFrame().trailer().bytes());
    }

    @Test
    void inspect_refusesScreenOverThePixelLimit() {
        // Given a 65,535 x 65,535 screen (4.3 gigapixels) in a 40-byte file
        byte[] bomb = GifBytes.screen(65_535, 65_535).pixelFrame().trailer().bytes();

        assertRefused(RefusalReason.TOO_MANY_PIXELS, gif, bomb);
    }

    @Test
    void inspect_refusesFrameOverThePixelLimit() {
        byte[] bomb = GifBytes.screen(10, 10).frame(0, 0, 65_535, 65_535).raw(GifBytes.ONE_PIXEL).trailer().bytes();

        assertRefused(RefusalReason.TOO_MANY_PIXELS, gif, bomb);
    }

    @Test
    void inspect_refusesFrameOfNoPixels() {
        byte[] image = GifBytes.screen(10, 10).frame(0, 0, 0, 5).raw(GifBytes.ONE_PIXEL).trailer().bytes();

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @ParameterizedTest(name = "LZW code size {0}")
    @ValueSource(ints = {0, 1, 9, 12, 255})
    void inspect_refusesLzwCodeSizeOutsideTwoToEight(int codeSize) {
        byte[] image = GifBytes.screen(1, 1).frame(0, 0, 1, 1).raw(new byte[] {(byte) codeSize, 2, 0x44, 1, 0})
                .trailer().bytes();

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @Test
    void inspect_refusesGifWithoutAnyImage() {
        assertRefused(RefusalReason.MALFORMED, gif, GifBytes.screen(1, 1).comment("empty").trailer().bytes());
    }

    @ParameterizedTest(name = "extension label 0x{0}")
    @ValueSource(strings = {"00", "F8", "FD", "02"})
    void inspect_refusesUnknownExtension(String label) {
        byte[] image = GifBytes.screen(1, 1).extension(Integer.parseInt(label, 16), null, new byte[3]).pixelFrame()
                .trailer().bytes();

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @ParameterizedTest(name = "{0} with a first block of {1} bytes")
    @CsvSource({"249, 3", "249, 5", "1, 11", "255, 10", "255, 12"})
    void inspect_refusesExtensionWhoseFixedBlockHasTheWrongSize(int label, int size) {
        byte[] image = GifBytes.screen(1, 1).extension(label, new byte[size], new byte[0]).pixelFrame()
                .trailer().bytes();

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @Test
    void inspect_refusesUnknownBlockIntroducer() {
        byte[] image = GifBytes.screen(1, 1).pixelFrame().raw(new byte[] {0x00}).trailer().bytes();

        assertRefused(RefusalReason.MALFORMED, gif, image);
    }

    @Test
    void inspect_refusesSubBlockRunningPastTheFile() {
        byte[] image = GifBytes.screen(1, 1).frame(0, 0, 1, 1).raw(new byte[] {2, (byte) 200, 1, 2, 3}).bytes();

        assertRefused(RefusalReason.TRUNCATED, gif, image);
    }

    @Test
    void formats_registersGifForItsExtension() {
        assertEquals(GifFormat.class, Formats.forExtension("gif").orElseThrow().getClass());
    }
}
