package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one box's payload in order. A read past the box's end refuses the file as
 * malformed: the box declared fewer bytes than its fields need.
 */
final class BoxCursor {
    private final byte[] data;
    private final Box box;
    private int at;

    BoxCursor(byte[] data, Box box) {
        this.data = data;
        this.box = box;
        this.at = box.payload();
    }

    int position() {
        return at;
    }

    int remaining() {
        return box.end() - at;
    }

    /** Reads a full box's version byte and skips its 24 flag bits, returning the version. */
    int fullBoxVersion() {
        int version = u8();
        skip(3);
        return version;
    }

    /** The flags of a full box, read again from its header. */
    int fullBoxFlags() {
        need(box.payload(), 4);
        int p = box.payload();
        return (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | data[p + 3] & 0xFF;
    }

    int u8() {
        return (int) read(1);
    }

    int u16() {
        return (int) read(2);
    }

    long u32() {
        return read(4);
    }

    /** An unsigned field of 0, 1, 2, 4 or 8 bytes; 8-byte values of 2^63 or more come back as Long.MAX_VALUE. */
    long sized(int bytes) {
        if (bytes == 8) {
            long high = read(4);
            long low = read(4);
            return high > Integer.MAX_VALUE ? Long.MAX_VALUE : high << 32 | low;
        }
        return read(bytes);
    }

    String fourCc() {
        need(at, 4);
        String type = new String(data, at, 4, StandardCharsets.ISO_8859_1);
        at += 4;
        return type;
    }

    /** A NUL-terminated string; one that runs to the box's end without its NUL is taken as ending there. */
    String string() {
        int start = at;
        while (at < box.end() && data[at] != 0) {
            at++;
        }
        String text = new String(data, start, at - start, StandardCharsets.UTF_8);
        if (at < box.end()) {
            at++;
        }
        return text;
    }

    void skip(int bytes) {
        need(at, bytes);
        at += bytes;
    }

    private long read(int bytes) {
        need(at, bytes);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | data[at + i] & 0xFF;
        }
        at += bytes;
        return value;
    }

    private void need(int from, int bytes) {
        if (bytes < 0 || from + (long) bytes > box.end()) {
            throw new Refusal(RefusalReason.MALFORMED, box.describe() + " ends inside one of its fields");
        }
    }
}
