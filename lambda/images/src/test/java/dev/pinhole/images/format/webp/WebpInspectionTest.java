package dev.pinhole.images.format.webp;

import static dev.pinhole.images.format.webp.Riff.anim;
import static dev.pinhole.images.format.webp.Riff.anmf;
import static dev.pinhole.images.format.webp.Riff.chunk;
import static dev.pinhole.images.format.webp.Riff.concat;
import static dev.pinhole.images.format.webp.Riff.vp8;
import static dev.pinhole.images.format.webp.Riff.vp8l;
import static dev.pinhole.images.format.webp.Riff.vp8x;
import static dev.pinhole.images.format.webp.Riff.webp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inspection accepts what cwebp and img2webp write and refuses, with its own reason, everything else. */
class WebpInspectionTest {
    private static final WebpFormat WEBP = new WebpFormat();

    static Stream<Arguments> encoderOutput() {
        return Stream.of(
                Arguments.of("lossy", (Supplier<byte[]>) SampleImages::webp, 64, 48, 1),
                Arguments.of("lossless", (Supplier<byte[]>) SampleImages::webpLossless, 64, 48, 1),
                Arguments.of("alpha", (Supplier<byte[]>) SampleImages::webpWithAlpha, 48, 48, 1),
                Arguments.of("animated", (Supplier<byte[]>) SampleImages::webpAnimated, 32, 32, 3));
    }

    @ParameterizedTest(name = "{0} WebP is {2} x {3}, {4} frame(s)")
    @MethodSource("encoderOutput")
    void inspect_acceptsEncoderOutputWithItsSizeAndFrames(String name, Supplier<byte[]> sample, int width, int height,
                                                          int frames) {
        // Given a WebP written by libwebp's own tools
        byte[] image = sample.get();

        // When it is inspected
        Inspection inspection = WEBP.inspect(image, InspectionLimits.DEFAULT);

        // Then its canvas and frame count are those the encoder wrote
        assertEquals(new Inspection(width, height, frames), inspection);
    }

    @Test
    void inspect_refusesRandomBytesAsNotAnImage() {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);

        assertRefused(RefusalReason.NOT_AN_IMAGE, noise);
    }

    @Test
    void inspect_refusesOtherImageTypesAsWrongType() {
        // Given a PNG, a JPEG and an AVIF handed to the WebP format
        for (byte[] other : new byte[][] {SampleImages.png(8, 8), SampleImages.jpeg(8, 8), SampleImages.avif()}) {
            // Then each is refused as the wrong type, not as noise
            assertRefused(RefusalReason.WRONG_TYPE, other);
        }
    }

    @Test
    void inspect_refusesARiffFileOfAnotherKind() {
        // Given a RIFF file that is a WAVE sound
        byte[] wave = concat(Riff.ascii("RIFF"), Riff.le32(4), Riff.ascii("WAVE"));

        assertRefused(RefusalReason.NOT_AN_IMAGE, wave);
    }

    @Test
    void inspect_refusesEveryCutShortVersionOfAnAnimationAsTruncated() {
        // Given an animated WebP cut at every length from just after its signature to one byte short
        byte[] image = SampleImages.webpAnimated();
        for (int length = 12; length < image.length; length++) {
            byte[] cut = Arrays.copyOf(image, length);

            // Then each is refused as truncated
            assertRefused(RefusalReason.TRUNCATED, cut);
        }
    }

    @Test
    void inspect_refusesBytesAfterTheRiffChunkAsTrailingData() {
        // Given a valid WebP with an HTML page appended (a polyglot)
        byte[] polyglot = concat(SampleImages.webp(), Riff.ascii("<html><script>alert(1)</script></html>"));

        assertRefused(RefusalReason.TRAILING_DATA, polyglot);
    }

    @Test
    void inspect_refusesARiffSizeLargerThanTheFileAsTruncated() {
        byte[] image = SampleImages.webp();
        System.arraycopy(Riff.le32(image.length), 0, image, 4, 4); // 8 bytes more than there are

        assertRefused(RefusalReason.TRUNCATED, image);
    }

    @Test
    void inspect_refusesARiffSizeSmallerThanTheFileAsTrailingData() {
        byte[] image = SampleImages.webp();
        System.arraycopy(Riff.le32(image.length - 8 - 10), 0, image, 4, 4);

        assertRefused(RefusalReason.TRAILING_DATA, image);
    }

    @Test
    void inspect_refusesAChunkWhoseSizeRunsPastTheEnd() {
        // Given an extended WebP whose EXIF chunk declares far more bytes than the file has
        byte[] image = webp(vp8x(0x08, 16, 16), vp8(16, 16), Riff.ascii("EXIF"), Riff.le32(0x7FFF_FFF0), new byte[4]);

        assertRefused(RefusalReason.TRUNCATED, image);
    }

    @Test
    void inspect_refusesAFrameChunkWhoseSizeRunsPastItsFrame() {
        // Given an animation frame whose VP8 chunk declares more bytes than the ANMF chunk holds
        byte[] lying = concat(Riff.ascii("VP8 "), Riff.le32(400), new byte[] {0x10, 0, 0, (byte) 0x9D, 1, 0x2A},
                Riff.le16(8), Riff.le16(8));
        byte[] image = webp(vp8x(0x02, 8, 8), anim(), anmf(0, 0, 8, 8, lying));

        assertRefused(RefusalReason.MALFORMED, image);
    }

    @Test
    void inspect_refusesAMissingOrNonZeroPadByte() {
        byte[] odd = chunk("XYZW", new byte[3]);
        byte[] padded = webp(vp8x(0, 8, 8), vp8(8, 8), odd);
        byte[] nonZeroPad = padded.clone();
        nonZeroPad[nonZeroPad.length - 1] = 1;
        byte[] noPad = Arrays.copyOf(padded, padded.length - 1);
        System.arraycopy(Riff.le32(noPad.length - 8), 0, noPad, 4, 4);

        assertEquals(new Inspection(8, 8, 1), WEBP.inspect(padded, InspectionLimits.DEFAULT));
        assertRefused(RefusalReason.MALFORMED, nonZeroPad);
        assertRefused(RefusalReason.TRUNCATED, noPad);
    }

    @Test
    void inspect_refusesAPixelBombFromItsHeaderAlone() {
        // Given headers declaring 16384 x 16384 (268 megapixels) with no image data behind them
        byte[] canvasBomb = webp(vp8x(0, 16384, 16384), vp8(16, 16));
        byte[] losslessBomb = webp(vp8l(16384, 16384));
        byte[] lossyBomb = webp(vp8(16383, 16383));

        assertRefused(RefusalReason.TOO_MANY_PIXELS, canvasBomb);
        assertRefused(RefusalReason.TOO_MANY_PIXELS, losslessBomb);
        assertRefused(RefusalReason.TOO_MANY_PIXELS, lossyBomb);
    }

    @Test
    void inspect_holdsTheCanvasToTheConfiguredPixelLimit() {
        byte[] image = SampleImages.webp(); // 64 x 48 = 3072 pixels

        assertEquals(3072, WEBP.inspect(image, new InspectionLimits(3072, 1, 10)).pixels());
        Refusal refusal = assertThrows(Refusal.class, () -> WEBP.inspect(image, new InspectionLimits(3071, 1, 10)));
        assertEquals(RefusalReason.TOO_MANY_PIXELS, refusal.reason());
    }

    @Test
    void inspect_refusesZeroDimensionsAsNoPixels() {
        assertRefused(RefusalReason.NO_PIXELS, webp(vp8(0, 48)));
        assertRefused(RefusalReason.NO_PIXELS, webp(vp8(64, 0)));
    }

    @Test
    void inspect_refusesAChunkFloodAsTooComplex() {
        // Given 200,000 empty unknown chunks after a tiny image (1.6 MB of chunk headers)
        byte[][] flood = new byte[200_001][];
        flood[0] = concat(vp8x(0, 8, 8), vp8(8, 8));
        Arrays.fill(flood, 1, flood.length, chunk("JUNK"));

        assertRefused(RefusalReason.TOO_COMPLEX, webp(flood));
    }

    @Test
    void inspect_refusesAnAnimationOfThousandsOfFramesAsTooManyFrames() {
        // Given an animation of 5,000 one-pixel frames
        byte[][] chunks = new byte[5_002][];
        chunks[0] = vp8x(0x02, 8, 8);
        chunks[1] = anim();
        Arrays.fill(chunks, 2, chunks.length, anmf(0, 0, 1, 1, vp8l(1, 1)));

        assertRefused(RefusalReason.TOO_MANY_FRAMES, webp(chunks));
        assertEquals(5_000, WEBP.inspect(webp(chunks), new InspectionLimits(100, 5_000, 100_000)).frames());
    }

    static Stream<Arguments> layoutViolations() {
        return Stream.of(
                Arguments.of("a simple file with a second chunk", webp(vp8(8, 8), chunk("EXIF", new byte[4]))),
                Arguments.of("a first chunk that is no image header", webp(chunk("ICCP", new byte[4]), vp8(8, 8))),
                Arguments.of("VP8X with reserved flags", webp(vp8x(0x01, 8, 8), vp8(8, 8))),
                Arguments.of("VP8X of 12 bytes", webp(chunk("VP8X", new byte[12]), vp8(1, 1))),
                Arguments.of("an image unlike its canvas", webp(vp8x(0, 8, 8), vp8(9, 8))),
                Arguments.of("two images", webp(vp8x(0, 8, 8), vp8(8, 8), vp8l(8, 8))),
                Arguments.of("no image", webp(vp8x(0, 8, 8), chunk("EXIF", new byte[4]))),
                Arguments.of("ICCP after the image", webp(vp8x(0x20, 8, 8), vp8(8, 8), chunk("ICCP", new byte[4]))),
                Arguments.of("ALPH before VP8L", webp(vp8x(0x10, 8, 8), chunk("ALPH", new byte[2]), vp8l(8, 8))),
                Arguments.of("ALPH apart from its VP8", webp(vp8x(0x10, 8, 8), chunk("ALPH", new byte[2]),
                        chunk("XMP ", new byte[2]), vp8(8, 8))),
                Arguments.of("ALPH with an unknown compression", webp(vp8x(0x10, 8, 8), chunk("ALPH", new byte[] {3, 0}),
                        vp8(8, 8))),
                Arguments.of("an inter frame", webp(chunk("VP8 ", new byte[] {0x11, 0, 0, (byte) 0x9D, 1, 0x2A, 8, 0, 8, 0}))),
                Arguments.of("no VP8 start code", webp(chunk("VP8 ", new byte[] {0x10, 0, 0, 0, 0, 0, 8, 0, 8, 0}))),
                Arguments.of("no VP8L signature", webp(chunk("VP8L", new byte[] {0x2E, 0, 0, 0, 0}))),
                Arguments.of("an animation flag without frames", webp(vp8x(0x02, 8, 8), anim())),
                Arguments.of("frames without the animation flag", webp(vp8x(0, 8, 8), anim(), anmf(0, 0, 8, 8, vp8(8, 8)))),
                Arguments.of("ANMF before ANIM", webp(vp8x(0x02, 8, 8), anmf(0, 0, 8, 8, vp8(8, 8)), anim())),
                Arguments.of("an image outside frames", webp(vp8x(0x02, 8, 8), anim(), vp8(8, 8))),
                Arguments.of("a frame outside the canvas", webp(vp8x(0x02, 8, 8), anim(), anmf(2, 0, 8, 8, vp8(8, 8)))),
                Arguments.of("a frame unlike its image", webp(vp8x(0x02, 8, 8), anim(), anmf(0, 0, 8, 8, vp8(4, 4)))),
                Arguments.of("a frame without image", webp(vp8x(0x02, 8, 8), anim(), anmf(0, 0, 8, 8))),
                Arguments.of("EXIF inside a frame", webp(vp8x(0x02, 8, 8), anim(),
                        anmf(0, 0, 8, 8, vp8(8, 8), chunk("EXIF", new byte[2])))));
    }

    @ParameterizedTest(name = "{0} is malformed")
    @MethodSource("layoutViolations")
    void inspect_refusesLayoutViolationsAsMalformed(String name, byte[] image) {
        assertRefused(RefusalReason.MALFORMED, image);
    }

    @Test
    void inspect_acceptsMetadataAndUnknownChunksAnywhereAfterVp8x() {
        // Given an extended still with XMP before its image and an unknown chunk at the end of a frame
        byte[] still = webp(vp8x(0x04, 8, 8), chunk("XMP ", new byte[3]), vp8(8, 8), chunk("ABCD", new byte[1]));
        byte[] animation = webp(vp8x(0x02, 8, 8), anim(), anmf(0, 0, 8, 8, vp8l(8, 8), chunk("ABCD", new byte[2])));

        assertEquals(new Inspection(8, 8, 1), WEBP.inspect(still, InspectionLimits.DEFAULT));
        assertEquals(new Inspection(8, 8, 1), WEBP.inspect(animation, InspectionLimits.DEFAULT));
    }

    private static void assertRefused(RefusalReason expected, byte[] image) {
        Refusal refusal = assertThrows(Refusal.class, () -> WEBP.inspect(image, InspectionLimits.DEFAULT));
        assertEquals(expected, refusal.reason(), refusal::detail);
    }
}
