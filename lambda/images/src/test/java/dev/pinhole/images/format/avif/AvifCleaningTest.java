package dev.pinhole.images.format.avif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataKinds;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.testkit.Exiftool;
import dev.pinhole.testkit.SampleImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cleaning avifenc's output after exiftool wrote Exif and XMP into it, judged by outsiders: exiftool says
 * what metadata is left, avifdec whether the pixels changed; the picture's bytes are compared in place.
 */
class AvifCleaningTest {
    private static final AvifFormat AVIF = new AvifFormat();
    /** The groups exiftool puts what the cleaner removes in: Exif, GPS, XMP. */
    private static final Set<String> REMOVED_GROUPS = Set.of("IFD0", "IFD1", "ExifIFD", "GPS", "XMP-x", "XMP-dc",
            "XMP-exif", "XMP-tiff", "XMP-xmp");
    /** exiftool takes a second per run: each sample is tagged once for all tests. */
    private static final Map<String, byte[]> TAGGED = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    static Stream<Arguments> stills() {
        return Stream.of(
                Arguments.of("still", (Supplier<byte[]>) SampleImages::avif),
                Arguments.of("alpha", (Supplier<byte[]>) SampleImages::avifWithAlpha),
                Arguments.of("ICC profile", (Supplier<byte[]>) SampleImages::avifWithIccProfile),
                Arguments.of("grid", (Supplier<byte[]>) SampleImages::avifGrid));
    }

    /** The tagged stills, and the sequence that was committed with its metadata (exiftool cannot write sequences). */
    static Stream<Arguments> withMetadata() {
        return Stream.concat(stills(), Stream.of(Arguments.of("sequence", (Supplier<byte[]>) SampleImages::avifAnimatedWithMetadata)));
    }

    @ParameterizedTest(name = "{0}: exiftool finds no GPS, camera, date or XMP, and the same ICC profile")
    @MethodSource("withMetadata")
    void clean_removesEveryTagExiftoolFindsButTheColourProfile(String name, Supplier<byte[]> sample) throws IOException {
        // Given an AVIF carrying Exif (position, camera, serial, date, comment) and XMP (creator, description)
        Exiftool exifTool = Exiftool.require();
        byte[] original = withMetadata(name, sample);
        Map<String, String> before = exifTool.tags(Files.write(dir.resolve("before.avif"), original));
        assertTrue(before.containsKey("GPS:GPSLatitude") && before.containsKey("XMP-dc:Creator")
                && before.containsKey("ExifIFD:SerialNumber"), "the sample lacks its metadata: " + before.keySet());

        // When it is cleaned
        Cleaning cleaning = AVIF.clean(original, MetadataPolicy.PRIVACY_DEFAULT);

        // Then exiftool finds none of it, and any ICC profile exactly as before
        Map<String, String> after = exifTool.tags(Files.write(dir.resolve("after.avif"), cleaning.bytes()));
        List<String> left = after.keySet().stream()
                .filter(tag -> REMOVED_GROUPS.contains(group(tag)) || tag.contains("GPS")).toList();
        assertEquals(List.of(), left);
        assertEquals(iccTags(before), iccTags(after));
        assertTrue(cleaning.removed().containsAll(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES,
                MetadataKind.PEOPLE, MetadataKind.TEXT)), cleaning.removed()::toString);
    }

    @ParameterizedTest(name = "{0}: every image item keeps its bytes at its offset; the file keeps its length")
    @MethodSource("withMetadata")
    void clean_leavesThePicturesBytesWhereTheyWere(String name, Supplier<byte[]> sample) {
        byte[] original = withMetadata(name, sample);

        byte[] cleaned = AVIF.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes();

        Map<Long, String> before = pictureItems(original);
        assertFalse(before.isEmpty());
        assertEquals(before, pictureItems(cleaned));
        assertEquals(original.length, cleaned.length);
    }

    @ParameterizedTest(name = "{0}: avifdec decodes the same pixels (every frame of a sequence)")
    @MethodSource("withMetadata")
    void clean_decodesToTheSamePixels(String name, Supplier<byte[]> sample) throws IOException {
        // Given a tagged AVIF and its cleaned copy
        AvifDecoder decoder = AvifDecoder.require();
        byte[] original = withMetadata(name, sample);
        byte[] cleaned = AVIF.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes();
        int frames = AVIF.inspect(original, InspectionLimits.DEFAULT).frames();

        // Then libavif's decoder sees the same pixels in every frame
        for (int frame = 0; frame < frames; frame++) {
            assertArrayEquals(decoder.pixels(original, frame, dir), decoder.pixels(cleaned, frame, dir), "frame " + frame);
        }
    }

    @ParameterizedTest(name = "{0}: the cleaned file inspects, and cleaning it again returns it unchanged")
    @MethodSource("withMetadata")
    void clean_producesAValidFileThatASecondCleaningLeavesAlone(String name, Supplier<byte[]> sample) {
        byte[] original = withMetadata(name, sample);

        byte[] cleaned = AVIF.clean(original, MetadataPolicy.PRIVACY_DEFAULT).bytes();
        Cleaning again = AVIF.clean(cleaned, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(AVIF.inspect(original, InspectionLimits.DEFAULT), AVIF.inspect(cleaned, InspectionLimits.DEFAULT));
        assertSame(cleaned, again.bytes());
        assertEquals(Set.of(), again.removed());
    }

    static Stream<Arguments> withoutMetadata() {
        return Stream.concat(stills(), Stream.of(Arguments.of("sequence", (Supplier<byte[]>) SampleImages::avifAnimated)));
    }

    @ParameterizedTest(name = "{0} without metadata is returned as the very same array")
    @MethodSource("withoutMetadata")
    void clean_returnsTheSameArrayWhenThereIsNothingToRemove(String name, Supplier<byte[]> sample) {
        byte[] image = sample.get();

        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertSame(image, cleaning.bytes());
        assertEquals(Set.of(), cleaning.removed());
    }

    @Test
    void clean_givesTheBytesMetaLosesToAFreeBoxSoNothingAfterItMoves() {
        // Given a still whose Exif item describes the primary item
        byte[] image = new SyntheticAvif(8, 8).item(2, "Exif", Iso.ascii("\0\0\0\0MM\0*GPS...")).reference("cdsc", 2, 1)
                .build();

        // When it is cleaned
        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        // Then a 'free' box follows 'meta', the Exif payload is zeros, and 'mdat' has not moved
        assertEquals(List.of("ftyp", "meta", "free", "mdat"), topLevelTypes(cleaning.bytes()));
        assertEquals(MetadataKinds.EXIF, cleaning.removed());
        int mdat = Iso.find(image, "mdat");
        assertEquals(mdat, Iso.find(cleaning.bytes(), "mdat"));
        assertEquals(pictureItems(image), pictureItems(cleaning.bytes()));
        assertFalse(new String(cleaning.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("GPS"));
    }

    @Test
    void clean_removesThumbnailsAndWhatServesOnlyThem() {
        // Given a still with a thumbnail item and the thumbnail's own alpha item
        SyntheticAvif avif = new SyntheticAvif(64, 64);
        int small = avif.property(SyntheticAvif.ispe(8, 8));
        byte[] image = avif.item(2, "av01", Iso.ascii("THUMBNAIL"), small, 2).reference("thmb", 2, 1)
                .item(3, "av01", Iso.ascii("THUMB-ALPHA"), small, 2).reference("auxl", 3, 2).build();

        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(Set.of(MetadataKind.THUMBNAIL), cleaning.removed());
        assertEquals(Set.of(1L), pictureItems(cleaning.bytes()).keySet());
        String text = new String(cleaning.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("THUMB"), "the thumbnails' payloads are still there");
        assertEquals(64, AVIF.inspect(cleaning.bytes(), InspectionLimits.DEFAULT).width());
    }

    @Test
    void clean_blanksXmpKeptInIdatAndReportsWhatItNamed() {
        byte[] xmp = Iso.ascii("<x:xmpmeta><rdf:RDF><rdf:Description><dc:creator>Jane</dc:creator>"
                + "<exif:GPSLatitude>48,51N</exif:GPSLatitude></rdf:Description></rdf:RDF></x:xmpmeta>");
        byte[] image = new SyntheticAvif(8, 8).mime(2, "application/rdf+xml", xmp, true).build();

        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(Set.of(MetadataKind.PEOPLE, MetadataKind.LOCATION, MetadataKind.CAMERA), cleaning.removed());
        assertFalse(new String(cleaning.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Jane"));
        assertEquals(8, AVIF.inspect(cleaning.bytes(), InspectionLimits.DEFAULT).width());
    }

    @Test
    void clean_turnsBoxesNoReaderNeedsIntoFreeSpaceOfTheSameSize() {
        // Given an unknown top-level box, an unknown child of 'meta' and leftover bytes at the end of 'mdat'
        byte[] image = new SyntheticAvif(8, 8).metaChild(Iso.box("xml ", Iso.ascii("<owner>Jane</owner>")))
                .topLevel(Iso.box("uuid", new byte[16], Iso.ascii("camera serial 1234"))).build();

        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(Set.of(MetadataKind.OTHER), cleaning.removed());
        assertEquals(image.length, cleaning.bytes().length);
        assertEquals(List.of("ftyp", "meta", "mdat", "free"), topLevelTypes(cleaning.bytes()));
        String text = new String(cleaning.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("Jane") || text.contains("serial"), "box contents left");
    }

    @Test
    void clean_blanksBytesOfMdatThatNoItemUses() {
        // Given a still whose mdat carries, after the picture, bytes no item points at (an old Exif, say)
        byte[] image = new SyntheticAvif(8, 8).build();
        int mdat = Iso.find(image, "mdat") - 4;
        byte[] leftover = Iso.ascii("GPS 48.85N 2.29E");
        byte[] padded = Iso.concat(image, leftover);
        Iso.put32(padded, mdat, image.length - mdat + leftover.length);

        Cleaning cleaning = AVIF.clean(padded, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(Set.of(MetadataKind.OTHER), cleaning.removed());
        assertArrayEquals(new byte[leftover.length],
                java.util.Arrays.copyOfRange(cleaning.bytes(), image.length, padded.length));
        assertEquals(pictureItems(padded), pictureItems(cleaning.bytes()));
    }

    @Test
    void clean_turnsAUserDescriptionPropertyIntoFreeSpaceAndClearsItsEssentialBit() {
        SyntheticAvif avif = new SyntheticAvif(8, 8);
        int udes = avif.property(Iso.fullBox("udes", 0, 0, Iso.cstring("en"), Iso.cstring("Jane at home"),
                Iso.cstring("birthday"), Iso.cstring("")));
        byte[] image = avif.item(2, "av01", new byte[4], 1, 0x80 | udes, 2).build();

        Cleaning cleaning = AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);

        assertEquals(Set.of(MetadataKind.TEXT), cleaning.removed());
        assertFalse(new String(cleaning.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Jane"));
        int ipma = Iso.find(cleaning.bytes(), "ipma");
        int secondEntry = ipma + 4 + 4 + 4 + 2 + 1 + 2;
        assertEquals(udes, cleaning.bytes()[secondEntry + 2 + 1 + 1], "the association lost its essential bit");
    }

    @Test
    void clean_doesNotHangOnThousandsOfItemsAndALongChainOfReferences() {
        // Given 8,000 Exif items describing the primary, and a thumbnail served by a chain of 8,000 items, each
        // item serving the next one (the order in which a round-by-round search would need 8,000 rounds)
        SyntheticAvif avif = new SyntheticAvif(8, 8);
        for (int id = 2; id < 8_002; id++) {
            avif.item(id, "Exif", new byte[] {(byte) id}).reference("cdsc", id, 1);
        }
        int last = 16_002;
        for (int id = 8_002; id < last; id++) {
            avif.item(id, "av01", new byte[] {(byte) id}).reference("auxl", id, id + 1);
        }
        byte[] image = avif.item(last, "av01", Iso.ascii("THUMB")).reference("thmb", last, 1).build();

        // When it is inspected and cleaned
        Cleaning cleaning = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            AVIF.inspect(image, InspectionLimits.DEFAULT);
            return AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT);
        });

        // Then every one of them is gone and the primary alone is left
        assertEquals(Set.of(1L), pictureItems(cleaning.bytes()).keySet());
        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.THUMBNAIL),
                cleaning.removed());
        assertEquals(List.of("ftyp", "meta", "free", "mdat"), topLevelTypes(cleaning.bytes()));
    }

    @Test
    void clean_refusesMetadataThatSharesBytesWithThePicture() {
        // Given an Exif item whose extent lies inside the primary item's data, so blanking it would damage the picture
        byte[] image = new SyntheticAvif(8, 8).item(2, "Exif", new byte[4]).build();
        int primaryOffset = ilocOffset(image, 0);
        Iso.put32(image, ilocEntry(image, 1) + 8, primaryOffset);

        assertNotRemovable(image);
    }

    @Test
    void clean_refusesMetadataKeptOutsideMdatAndIdat() {
        // Given an Exif item whose data sits in a top-level 'free' box rather than in 'mdat'
        byte[] base = new SyntheticAvif(8, 8).item(2, "Exif", new byte[4]).build();
        byte[] image = Iso.concat(base, Iso.box("free", Iso.ascii("Exif")));
        Iso.put32(image, ilocEntry(image, 1) + 8, base.length + 8);

        assertNotRemovable(image);
    }

    @Test
    void clean_refusesToRemoveAThumbnailThatAGridIsBuiltFrom() {
        // Given a grid whose second tile is also declared the grid's thumbnail
        byte[] image = new SyntheticAvif(16, 8).primary("grid", new byte[] {0, 0, 0, 1, 0, 16, 0, 8})
                .item(2, "av01", new byte[4], 2).item(3, "av01", new byte[4], 2)
                .reference("dimg", 1, 2, 3).reference("thmb", 3, 1).build();

        assertNotRemovable(image);
    }

    private static void assertNotRemovable(byte[] image) {
        assertDoesNotThrow(() -> AVIF.inspect(image, InspectionLimits.DEFAULT), "inspection accepts the file");
        Refusal refusal = assertThrows(Refusal.class, () -> AVIF.clean(image, MetadataPolicy.PRIVACY_DEFAULT));
        assertEquals(RefusalReason.METADATA_NOT_REMOVABLE, refusal.reason(), refusal::detail);
    }

    /** Where the synthetic file's iloc entry {@code index} starts (version 1, 4-byte offsets and lengths: 16 bytes each). */
    private static int ilocEntry(byte[] image, int index) {
        return Iso.find(image, "iloc") + 4 + 4 + 4 + index * 16;
    }

    private static int ilocOffset(byte[] image, int index) {
        int at = ilocEntry(image, index) + 8;
        return (image[at] & 0xFF) << 24 | (image[at + 1] & 0xFF) << 16 | (image[at + 2] & 0xFF) << 8 | image[at + 3] & 0xFF;
    }

    private byte[] withMetadata(String name, Supplier<byte[]> sample) {
        if (name.equals("sequence")) {
            return sample.get();
        }
        return TAGGED.computeIfAbsent(name, key -> {
            try {
                Path file = Files.write(dir.resolve("to-tag.avif"), sample.get());
                Exiftool.require().writeInPlace(file, "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945",
                        "-GPSLongitudeRef=E", "-Make=Pinhole", "-Model=TestCam", "-SerialNumber=SN123",
                        "-DateTimeOriginal=2024:01:02 03:04:05", "-UserComment=at home", "-XMP-dc:Creator=Jane Doe",
                        "-XMP-dc:Description=secret caption");
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).clone();
    }

    /** Every AV1 image item's payload (hex), read with the format's own parser from its iloc extents, by item id. */
    static Map<Long, String> pictureItems(byte[] file) {
        Meta meta = AvifFile.read(file, InspectionLimits.DEFAULT).meta();
        return meta.infos().items().values().stream().filter(item -> item.type().equals("av01"))
                .collect(Collectors.toMap(Item::id, item -> {
                    Location location = meta.locations().locations().get(item.id());
                    StringBuilder hex = new StringBuilder();
                    for (Location.Extent extent : location.extents()) {
                        int from = ItemData.fileOffset(meta, location, extent);
                        hex.append(from).append(':').append(java.util.HexFormat.of().formatHex(file, from,
                                from + (int) extent.length()));
                    }
                    return hex.toString();
                }));
    }

    static List<String> topLevelTypes(byte[] file) {
        return AvifFile.read(file, InspectionLimits.DEFAULT).boxes().stream().map(Box::type).toList();
    }

    private static String group(String tag) {
        return tag.substring(0, Math.max(0, tag.indexOf(':')));
    }

    private static Map<String, String> iccTags(Map<String, String> tags) {
        return tags.entrySet().stream().filter(e -> group(e.getKey()).startsWith("ICC"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
