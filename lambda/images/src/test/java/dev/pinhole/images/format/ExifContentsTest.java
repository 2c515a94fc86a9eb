package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An EXIF block is read just far enough to name what it reveals, and a hostile one cannot make that slow. */
class ExifContentsTest {

    @ParameterizedTest(name = "little-endian={0}")
    @ValueSource(booleans = {false, true})
    void read_namesCameraDatesAndOrientationInEitherByteOrder(boolean littleEndian) {
        // Given IFD0 with Make, Orientation 6 and a pointer to an Exif IFD holding DateTimeOriginal
        Tiff tiff = new Tiff(littleEndian);
        tiff.ifd(8, 3);
        tiff.entry(0x010F, 2, 6, 0);        // Make
        tiff.entry(0x0112, 3, 1, 6 << (littleEndian ? 0 : 16)); // Orientation, SHORT in the value's first half
        tiff.entry(0x8769, 4, 1, 50);       // Exif IFD at 50
        tiff.next(0);
        tiff.ifd(50, 1);
        tiff.entry(0x9003, 2, 20, 0);       // DateTimeOriginal
        tiff.next(0);

        // When it is read
        ExifContents contents = ExifContents.read(tiff.bytes(), 0, tiff.bytes().length);

        // Then it reveals the camera and dates, and turns the picture by 6
        assertEquals(Set.of(MetadataKind.CAMERA, MetadataKind.DATES), contents.kinds());
        assertEquals(6, contents.orientation());
    }

    @Test
    void read_reportsAGpsIfdAsLocationAndANextIfdAsThumbnail() {
        Tiff tiff = new Tiff(false);
        tiff.ifd(8, 1);
        tiff.entry(0x8825, 4, 1, 40);       // GPS IFD at 40
        tiff.next(80);                      // IFD1, the thumbnail, at 80
        tiff.ifd(40, 1);
        tiff.entry(0x0002, 5, 3, 0);        // GPSLatitude
        tiff.next(0);
        tiff.ifd(80, 1);
        tiff.entry(0x0201, 4, 1, 0);        // JPEGInterchangeFormat
        tiff.next(0);

        ExifContents contents = ExifContents.read(tiff.bytes(), 0, tiff.bytes().length);

        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.THUMBNAIL), contents.kinds());
    }

    @Test
    void read_assumesTheWorstOfAnIfdLoop() {
        // Given IFD0 whose Exif pointer points back at IFD0
        Tiff tiff = new Tiff(false);
        tiff.ifd(8, 1);
        tiff.entry(0x8769, 4, 1, 8);
        tiff.next(0);

        // When it is read, Then the walk stops and the block is reported as holding anything EXIF can
        assertEquals(ExifContents.ANYTHING, ExifContents.read(tiff.bytes(), 0, tiff.bytes().length).kinds());
    }

    @Test
    void read_assumesTheWorstOfAnOffsetOutsideTheBlock() {
        Tiff tiff = new Tiff(true);
        tiff.ifd(8, 1);
        tiff.entry(0x8825, 4, 1, 0x7FFF_FFF0);
        tiff.next(0);

        assertEquals(ExifContents.ANYTHING, ExifContents.read(tiff.bytes(), 0, tiff.bytes().length).kinds());
    }

    @Test
    void read_assumesTheWorstOfAnEntryCountLargerThanTheBlock() {
        Tiff tiff = new Tiff(false);
        tiff.ifd(8, 0xFFFF);

        assertEquals(ExifContents.ANYTHING, ExifContents.read(tiff.bytes(), 0, tiff.bytes().length).kinds());
    }

    @Test
    void read_skipsTheExifPrefixSomeWritersPutFirst() {
        Tiff tiff = new Tiff(false);
        tiff.ifd(8, 1);
        tiff.entry(0x013B, 2, 5, 0);        // Artist
        tiff.next(0);
        byte[] prefixed = new byte[6 + tiff.bytes().length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, prefixed, 0, 6);
        System.arraycopy(tiff.bytes(), 0, prefixed, 6, tiff.bytes().length);

        assertEquals(Set.of(MetadataKind.PEOPLE), ExifContents.read(prefixed, 0, prefixed.length).kinds());
    }

    @Test
    void read_assumesTheWorstOfSomethingThatIsNotTiff() {
        byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8, 9};

        assertEquals(ExifContents.ANYTHING, ExifContents.read(junk, 0, junk.length).kinds());
        assertEquals(1, ExifContents.read(junk, 0, junk.length).orientation());
    }

    /** A TIFF structure written at fixed offsets in a 128-byte block. */
    private static final class Tiff {
        private final ByteBuffer buffer = ByteBuffer.allocate(128);

        Tiff(boolean littleEndian) {
            buffer.order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            buffer.put(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
        }

        void ifd(int at, int entries) {
            buffer.position(at);
            buffer.putShort((short) entries);
        }

        void entry(int tag, int type, int count, int value) {
            buffer.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
        }

        void next(int offset) {
            buffer.putInt(offset);
        }

        byte[] bytes() {
            return buffer.array();
        }
    }
}
