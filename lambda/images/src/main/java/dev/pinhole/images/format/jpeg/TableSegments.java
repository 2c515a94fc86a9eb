package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * Checks the table segments (DQT, DHT) and the two fixed-size ones (DRI, DNL) exactly as far as a
 * decoder relies on them: every table fits its segment, the segment holds nothing else, and a Huffman
 * table is one that libjpeg-turbo (Chrome, Firefox) would build rather than abort on.
 */
final class TableSegments {
    private TableSegments() {
    }

    /** Returns the quantisation tables defined so far, as a bit mask, after adding those of this DQT. */
    static int readQuantisation(byte[] data, Segment dqt, int definedBefore) {
        int defined = definedBefore;
        int at = dqt.payload();
        while (at < dqt.payloadEnd()) {
            int precision = (data[at] & 0xFF) >> 4;
            int table = data[at] & 0x0F;
            if (precision > 1 || table > 3) {
                throw malformed("DQT at byte " + dqt.start() + " defines table " + table + " with precision " + precision);
            }
            at += 1 + 64 * (precision + 1);
            if (at > dqt.payloadEnd()) {
                throw malformed("DQT at byte " + dqt.start() + " holds a table that runs past the segment's end");
            }
            defined |= 1 << table;
        }
        return defined;
    }

    static void checkHuffman(byte[] data, Segment dht) {
        int at = dht.payload();
        while (at < dht.payloadEnd()) {
            if (dht.payloadEnd() - at < 17) {
                throw malformed("DHT at byte " + dht.start() + " ends inside a table's code counts");
            }
            int tableClass = (data[at] & 0xFF) >> 4;
            int table = data[at] & 0x0F;
            if (tableClass > 1 || table > 3) {
                throw malformed("DHT at byte " + dht.start() + " defines class " + tableClass + " table " + table);
            }
            int symbols = checkCodeLengths(data, at + 1, dht);
            int values = at + 17;
            if (symbols > dht.payloadEnd() - values) {
                throw malformed("DHT at byte " + dht.start() + " holds a table that runs past the segment's end");
            }
            if (tableClass == 0) {
                for (int i = values; i < values + symbols; i++) {
                    if ((data[i] & 0xFF) > 15) {
                        throw malformed("DHT at byte " + dht.start() + " gives a DC table the symbol " + (data[i] & 0xFF));
                    }
                }
            }
            at = values + symbols;
        }
    }

    /** The canonical code must fit: no length may hold more codes than it has, and no code may be all ones. */
    private static int checkCodeLengths(byte[] data, int counts, Segment dht) {
        int symbols = 0;
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            int count = data[counts + length - 1] & 0xFF;
            symbols += count;
            code += count;
            if (count > 0 && code >= 1 << length) {
                throw malformed("DHT at byte " + dht.start() + " has more codes of length " + length + " than fit");
            }
            code <<= 1;
        }
        if (symbols > 256) {
            throw malformed("DHT at byte " + dht.start() + " declares " + symbols + " symbols in one table");
        }
        return symbols;
    }

    /** DRI and DNL carry exactly one 16-bit number. */
    static void checkFixedLength(Segment segment) {
        if (segment.payloadLength() != 2) {
            throw malformed(Markers.name(segment.marker()) + " at byte " + segment.start() + " is "
                    + segment.payloadLength() + " bytes instead of 2");
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
