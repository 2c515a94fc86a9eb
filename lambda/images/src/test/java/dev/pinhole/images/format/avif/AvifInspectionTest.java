package dev.pinhole.images.format.avif;

import static dev.pinhole.images.format.avif.Iso.ascii;
import static dev.pinhole.images.format.avif.Iso.box;
import static dev.pinhole.images.format.avif.Iso.concat;
import static dev.pinhole.images.format.avif.Iso.fullBox;
import static dev.pinhole.images.format.avif.Iso.u32;
import static dev.pinhole.images.format.avif.Iso.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.testkit.SampleImages;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inspection accepts what avifenc writes and refuses, with its own reason, everything else. */
class AvifInspectionTest {
    private static final AvifFormat AVIF = new AvifFormat();

    static Stream<Arguments> encoderOutput() {
        return Stream.of(
                Arguments.of("still", (Supplier<byte[]>) SampleImages::avif, 64, 48, 1),
                Arguments.of("alpha", (Supplier<byte[]>) SampleImages::avifWithAlpha, 48, 48, 1),
                Arguments.of("ICC profile", (Supplier<byte[]>) SampleImages::avifWithIccProfile, 64, 48, 1),
                Arguments.of("grid", (Supplier<byte[]>) SampleImages::avifGrid, 128, 64, 1),
                Arguments.of("sequence", (Supplier<byte[]>) SampleImages::avifAnimated, 32, 32, 3),
                Arguments.of("sequence with metadata", (Supplier<byte[]>) SampleImages::avifAnimatedWithMetadata, 32, 32, 3));
    }

    @ParameterizedTest(name = "{0} AVIF is {2} x {3}, {4} frame(s)")
    @MethodSource("encoderOutput")
    void inspect_acceptsEncoderOutputWithItsSizeAndFrames(String name, Supplier<byte[]> sample, int width, int height,
                                                          int frames) {
        // Given an AVIF written by avifenc
        byte[] image = sample.get();

        // When it is inspected
        Inspection inspection = AVIF.inspect(image, InspectionLimits.DEFAULT);

        // Then its primary item's size and the sequence's frame count are those the encoder wrote
        assertEquals(new Inspection(width, height, frames), inspection);
    }

    @Test
    void inspect_acceptsTheSyntheticStillTheOtherTestsStartFrom() {
        assertEquals(new Inspection(640, 480, 1), AVIF.inspect(new SyntheticAvif(640, 480).build(), InspectionLimits.DEFAULT));
    }

    @Test
    void inspect_refusesRandomBytesAsNotAnImage() {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);

        assertRefused(RefusalReason.NOT_AN_IMAGE, noise);
    }

    @Test
    void inspect_refusesOtherImageTypesAsWrongType() {
        byte[] heic = concat(Iso.ftyp("heic", "mif1", "heic"), box("mdat"));
        for (byte[] other : new byte[][] {SampleImages.png(8, 8), SampleImages.jpeg(8, 8), SampleImages.webp(), heic}) {
            assertRefused(RefusalReason.WRONG_TYPE, other);
        }
    }

    @Test
    void inspect_refusesAnMp4VideoAsNotAnImage() {
        assertRefused(RefusalReason.NOT_AN_IMAGE, concat(Iso.ftyp("isom", "isom", "mp41"), box("moov")));
    }

    @Test
    void inspect_refusesEveryCutShortVersionAsTruncated() {
        // Given a still and a sequence cut at every length short of their end
        for (byte[] image : new byte[][] {SampleImages.avif(), SampleImages.avifAnimated()}) {
            for (int cutAt = 1; cutAt < image.length; cutAt++) {
                int length = cutAt;
                byte[] cut = Arrays.copyOf(image, length);

                // Then each is refused as truncated
                Refusal refusal = assertThrows(Refusal.class, () -> AVIF.inspect(cut, InspectionLimits.DEFAULT));
                assertEquals(length < 8 ? RefusalReason.NOT_AN_IMAGE : RefusalReason.TRUNCATED, refusal.reason(),
                        () -> "cut at " + length + ": " + refusal.detail());
            }
        }
    }

    @Test
    void inspect_refusesWhateverFollowsTheLastBoxAsTrailingData() {
        byte[] zip = concat(ascii("PK"), new byte[] {3, 4, 20, 0, 0, 0, 8, 0}, new byte[40]);
        byte[] html = ascii("<html><body><script>alert(1)</script></body></html>");
        for (byte[] appended : new byte[][] {zip, html, new byte[5]}) {
            assertRefused(RefusalReason.TRAILING_DATA, concat(SampleImages.avif(), appended));
        }
    }

    @Test
    void inspect_refusesABoxSmallerThanItsOwnHeader() {
        // Given a box of size 4, which a naive walker would never step past
        byte[] image = concat(SampleImages.avif(), u32(4), ascii("free"));

        assertRefused(RefusalReason.MALFORMED, image);
    }

    @Test
    void inspect_refusesAnAbsurd64BitLargesize() {
        // Given an mdat whose size is 1, announcing a 64-bit size of 2^62 bytes
        byte[] image = SampleImages.avif();
        int mdat = Iso.find(image, "mdat") - 4;
        byte[] bomb = concat(Arrays.copyOf(image, mdat), u32(1), ascii("mdat"), u64(1L << 62),
                Arrays.copyOfRange(image, mdat + 8, image.length));
        byte[] tooSmall = concat(Arrays.copyOf(image, mdat), u32(1), ascii("mdat"), u64(12),
                Arrays.copyOfRange(image, mdat + 8, image.length));

        assertRefused(RefusalReason.TRUNCATED, bomb);
        assertRefused(RefusalReason.MALFORMED, tooSmall);
    }

    @Test
    void inspect_acceptsALastBoxOfSizeZeroButRefusesOneInsideMeta() {
        byte[] image = SampleImages.avif();
        byte[] toEnd = image.clone();
        Iso.put32(toEnd, Iso.find(toEnd, "mdat") - 4, 0);
        byte[] insideMeta = new SyntheticAvif(8, 8).metaChild(concat(u32(0), ascii("free"))).build();

        assertEquals(64, AVIF.inspect(toEnd, InspectionLimits.DEFAULT).width());
        assertRefused(RefusalReason.MALFORMED, insideMeta);
    }

    @Test
    void inspect_neverFollowsNestingIntoBoxesAReaderDoesNotNeed() {
        // Given 100,000 boxes nested inside each other in an unknown child of 'meta' (800 KB of headers)
        byte[] header = new byte[8];
        int depth = 100_000;
        byte[] nested = new byte[depth * 8];
        for (int level = 0; level < depth; level++) {
            Iso.put32(header, 0, (depth - level) * 8L);
            System.arraycopy(ascii("deep"), 0, header, 4, 4);
            System.arraycopy(header, 0, nested, level * 8, 8);
        }
        byte[] image = new SyntheticAvif(8, 8).metaChild(nested).build();

        // Then it is inspected at once, without recursion (no stack overflow), as one opaque box
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertEquals(8, AVIF.inspect(image,
                InspectionLimits.DEFAULT).width()));
    }

    @Test
    void inspect_refusesNestingWhereTheFormatAllowsNone() {
        byte[] nested = box("iprp", box("iprp", box("iprp", box("ipco"))));
        byte[] image = new SyntheticAvif(8, 8).build();
        int iprp = Iso.find(image, "iprp") - 4;
        int end = iprp + (int) readU32(image, iprp);
        byte[] patched = concat(Arrays.copyOf(image, iprp), nested, Arrays.copyOfRange(image, end, image.length));
        fixMetaSize(patched, nested.length - (end - iprp));

        assertRefused(RefusalReason.MALFORMED, patched);
    }

    @Test
    void inspect_refusesABoxFloodAsTooComplex() {
        // Given 200,000 empty 'free' boxes after a valid still
        byte[] flood = new byte[200_000 * 8];
        for (int i = 0; i < 200_000; i++) {
            Iso.put32(flood, i * 8, 8);
            System.arraycopy(ascii("free"), 0, flood, i * 8 + 4, 4);
        }

        assertRefused(RefusalReason.TOO_COMPLEX, concat(SampleImages.avif(), flood));
    }

    @Test
    void inspect_refusesItemDataOutsideTheFileAsTruncated() {
        // Given a still whose primary item's extent points 1 MB past the end of the file
        byte[] image = SampleImages.avif();
        int iloc = Iso.find(image, "iloc");
        // version 0, offset/length size 4: flags(4) sizes(2) count(2) id(2) dref(2) extents(2) offset(4) length(4)
        Iso.put32(image, iloc + 4 + 14, 1 << 20);

        assertRefused(RefusalReason.TRUNCATED, image);
    }

    static Stream<Arguments> itemTableViolations() {
        return Stream.of(
                Arguments.of("a handler other than 'pict'", new SyntheticAvif(8, 8).handler("vide").build()),
                Arguments.of("a primary item of type Exif", primaryOfType("Exif")),
                Arguments.of("an Exif item without an entry in iinf", undeclaredItem()),
                Arguments.of("an association with property 9 of 2", new SyntheticAvif(8, 8)
                        .item(2, "av01", new byte[4], 9).build()),
                Arguments.of("a reference to an undeclared item", new SyntheticAvif(8, 8).reference("cdsc", 1, 7).build()),
                Arguments.of("a grid that names no tiles", new SyntheticAvif(8, 8)
                        .primary("grid", new byte[] {0, 0, 0, 0, 0, 8, 0, 8}).build()),
                Arguments.of("a grid whose output is not its ispe", new SyntheticAvif(8, 8)
                        .primary("grid", new byte[] {0, 0, 0, 0, 0, 9, 0, 8}).build()),
                Arguments.of("no ispe for the primary", withoutPrimaryIspe()),
                Arguments.of("two meta boxes", concat(SampleImages.avif(), fullBox("meta", 0, 0))),
                Arguments.of("a moov without the avis brand", concat(SampleImages.avif(), box("moov"))),
                Arguments.of("a fragmented movie", concat(SampleImages.avif(), box("moof"))),
                Arguments.of("no meta at all", concat(Iso.ftyp("avif", "avif", "mif1"), box("mdat", new byte[8]))));
    }

    @ParameterizedTest(name = "{0} is malformed")
    @MethodSource("itemTableViolations")
    void inspect_refusesBrokenItemTablesAsMalformed(String name, byte[] image) {
        assertRefused(RefusalReason.MALFORMED, image);
    }

    @Test
    void inspect_refusesItemLocationsItCannotTrust() {
        byte[] image = SampleImages.avif();
        int iloc = Iso.find(image, "iloc");
        byte[] version3 = image.clone();
        version3[iloc + 4] = 3;
        byte[] offsetSize3 = image.clone();
        offsetSize3[iloc + 8] = 0x34;
        byte[] hugeCount = image.clone();
        hugeCount[iloc + 10] = (byte) 0xFF;
        byte[] otherFile = image.clone();
        otherFile[iloc + 15] = 1; // data_reference_index
        byte[] zeroLength = image.clone();
        Iso.put32(zeroLength, iloc + 4 + 18, 0);

        for (byte[] broken : new byte[][] {version3, offsetSize3, hugeCount, otherFile, zeroLength}) {
            assertRefused(RefusalReason.MALFORMED, broken);
        }
    }

    @Test
    void inspect_refusesAPixelBombFromItsIspeAlone() {
        // Given a primary item declaring 100,000 x 100,000 pixels, and one whose hidden second item does
        byte[] bomb = new SyntheticAvif(100_000, 100_000).build();
        SyntheticAvif hidden = new SyntheticAvif(8, 8);
        int huge = hidden.property(SyntheticAvif.ispe(0xFFFF_FFFFL, 0xFFFF_FFFFL));
        byte[] hiddenBomb = hidden.item(2, "av01", new byte[4], huge, 2).build();

        assertRefused(RefusalReason.TOO_MANY_PIXELS, bomb);
        assertRefused(RefusalReason.TOO_MANY_PIXELS, hiddenBomb);
    }

    @Test
    void inspect_holdsTheIspeToTheConfiguredPixelLimit() {
        byte[] image = SampleImages.avif(); // 64 x 48

        assertEquals(3072, AVIF.inspect(image, new InspectionLimits(3072, 1, 100)).pixels());
        Refusal refusal = assertThrows(Refusal.class, () -> AVIF.inspect(image, new InspectionLimits(3071, 1, 100)));
        assertEquals(RefusalReason.TOO_MANY_PIXELS, refusal.reason());
    }

    @Test
    void inspect_refusesZeroDimensionsAsNoPixels() {
        assertRefused(RefusalReason.NO_PIXELS, new SyntheticAvif(0, 48).build());
        assertRefused(RefusalReason.NO_PIXELS, new SyntheticAvif(64, 0).build());
    }

    @Test
    void inspect_refusesASequenceOfThousandsOfFramesAsTooManyFrames() {
        // Given the sample sequence whose colour track claims 5,000 one-byte samples in its one chunk
        byte[] image = concat(SampleImages.avifAnimated(), box("free", new byte[6_000]));
        int stsz = Iso.find(image, "stsz");
        Iso.put32(image, stsz + 8, 1);
        Iso.put32(image, stsz + 12, 5_000);
        Iso.put32(image, Iso.find(image, "stsc") + 16, 5_000);

        assertRefused(RefusalReason.TOO_MANY_FRAMES, image);
        assertEquals(5_000, AVIF.inspect(image, new InspectionLimits(10_000, 5_000, 1_000)).frames());
    }

    @Test
    void inspect_refusesASequenceWhoseSamplesLieBeyondTheFile() {
        byte[] image = SampleImages.avifAnimated();
        int stco = Iso.find(image, "stco");
        Iso.put32(image, stco + 12, image.length - 10);

        assertRefused(RefusalReason.TRUNCATED, image);
    }

    private static byte[] primaryOfType(String type) {
        byte[] image = new SyntheticAvif(8, 8).build();
        int infe = Iso.find(image, "av01");
        System.arraycopy(ascii(type), 0, image, infe, 4);
        return image;
    }

    private static byte[] undeclaredItem() {
        byte[] image = new SyntheticAvif(8, 8).item(2, "Exif", new byte[6]).build();
        int infe = Iso.find(image, "Exif");
        image[infe - 3] = 9; // the infe's item_ID becomes 9: iloc still names item 2
        return image;
    }

    private static byte[] withoutPrimaryIspe() {
        byte[] image = new SyntheticAvif(8, 8).build();
        int ipma = Iso.find(image, "ipma");
        image[ipma + 4 + 4 + 4 + 2 + 1] = 0; // the primary's first association (ispe) becomes "no property"
        return image;
    }

    private static long readU32(byte[] file, int offset) {
        return (file[offset] & 0xFFL) << 24 | (file[offset + 1] & 0xFFL) << 16 | (file[offset + 2] & 0xFFL) << 8
                | file[offset + 3] & 0xFFL;
    }

    private static void fixMetaSize(byte[] file, int delta) {
        int meta = Iso.find(file, "meta") - 4;
        Iso.put32(file, meta, readU32(file, meta) + delta);
    }

    private static void assertRefused(RefusalReason expected, byte[] image) {
        Refusal refusal = assertThrows(Refusal.class, () -> AVIF.inspect(image, InspectionLimits.DEFAULT));
        assertEquals(expected, refusal.reason(), refusal::detail);
    }
}
