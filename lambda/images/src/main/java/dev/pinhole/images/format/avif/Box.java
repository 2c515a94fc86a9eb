package dev.pinhole.images.format.avif;

/**
 * One ISO base media box: its type, where it starts, how long its header is (8 bytes, 16 with a 64-bit
 * largesize, 16 more for a 'uuid' type) and where it ends. {@code sizeField} says how the size is written,
 * for a cleaner that has to rewrite it.
 */
record Box(String type, int start, int headerSize, int end, SizeField sizeField) {
    enum SizeField { COMPACT, LARGE, TO_END }

    int payload() {
        return start + headerSize;
    }

    int payloadSize() {
        return end - payload();
    }

    int size() {
        return end - start;
    }

    boolean is(String fourCc) {
        return type.equals(fourCc);
    }

    boolean contains(long from, long to) {
        return start <= from && to <= end;
    }

    String describe() {
        return describe(type) + " box at offset " + start;
    }

    /** A four-cc for refusal details: quoted when printable, never raw bytes of the file. */
    static String describe(String fourCc) {
        return isPrintable(fourCc) ? "'" + fourCc + "'" : "an unnamed";
    }

    static boolean isPrintable(String fourCc) {
        for (int i = 0; i < fourCc.length(); i++) {
            char c = fourCc.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
