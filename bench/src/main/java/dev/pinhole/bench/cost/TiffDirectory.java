package dev.pinhole.bench.cost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One TIFF image file directory (IFD) as EXIF stores it, little-endian: 12-byte entries sorted by tag, the
 * offset of the next directory, then the values longer than 4 bytes. Its size does not depend on where it is
 * written, so a writer can place every directory first and fill in the pointers after.
 */
final class TiffDirectory {
    static final int BYTE = 1;
    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int RATIONAL = 5;
    static final int UNDEFINED = 7;

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    private final List<Entry> entries = new ArrayList<>();

    TiffDirectory ascii(int tag, String text) {
        byte[] value = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return add(tag, ASCII, value.length, value);
    }

    TiffDirectory shortValue(int tag, int value) {
        return add(tag, SHORT, 1, little(2).putShort((short) value).array());
    }

    TiffDirectory longValue(int tag, long value) {
        return add(tag, LONG, 1, little(4).putInt((int) value).array());
    }

    TiffDirectory bytes(int tag, byte... value) {
        return add(tag, BYTE, value.length, value);
    }

    TiffDirectory undefined(int tag, byte[] value) {
        return add(tag, UNDEFINED, value.length, value);
    }

    /** Rationals as numerator, denominator pairs: {@code rationals(tag, 178, 100)} is 1.78. */
    TiffDirectory rationals(int tag, long... numeratorsAndDenominators) {
        ByteBuffer value = little(4 * numeratorsAndDenominators.length);
        for (long part : numeratorsAndDenominators) {
            value.putInt((int) part);
        }
        return add(tag, RATIONAL, numeratorsAndDenominators.length / 2, value.array());
    }

    private TiffDirectory add(int tag, int type, int count, byte[] value) {
        entries.removeIf(entry -> entry.tag() == tag);
        entries.add(new Entry(tag, type, count, value));
        return this;
    }

    /** Bytes this directory takes, wherever it is written. */
    int size() {
        int size = 2 + 12 * entries.size() + 4;
        for (Entry entry : entries) {
            size += outOfLine(entry);
        }
        return size;
    }

    /** The directory as it sits at {@code offset} from the TIFF header, pointing to {@code next} (0: none). */
    byte[] write(int offset, int next) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparingInt(Entry::tag)).toList();
        ByteBuffer out = little(size());
        int data = offset + 2 + 12 * sorted.size() + 4;
        out.putShort((short) sorted.size());
        List<byte[]> values = new ArrayList<>();
        for (Entry entry : sorted) {
            out.putShort((short) entry.tag()).putShort((short) entry.type()).putInt(entry.count());
            if (entry.value().length <= 4) {
                out.put(entry.value()).put(new byte[4 - entry.value().length]);
            } else {
                out.putInt(data);
                data += outOfLine(entry);
                values.add(entry.value());
            }
        }
        out.putInt(next);
        for (byte[] value : values) {
            out.put(value);
            if (value.length % 2 == 1) {
                out.put((byte) 0); // values start on a word boundary
            }
        }
        return out.array();
    }

    private static int outOfLine(Entry entry) {
        int length = entry.value().length;
        return length <= 4 ? 0 : length + length % 2;
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
