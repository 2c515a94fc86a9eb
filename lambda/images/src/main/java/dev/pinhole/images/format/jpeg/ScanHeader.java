package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * Checks a start-of-scan header against the frame, with the rules whose violation makes libjpeg-turbo
 * (and so Chrome and Firefox) abort: known components, each once, defined quantisation tables, at most
 * 10 blocks in an interleaved MCU, and a valid spectral selection and successive approximation.
 */
final class ScanHeader {
    private ScanHeader() {
    }

    static void check(byte[] data, Segment sos, FrameHeader frame, int quantTablesDefined) {
        String where = "SOS at byte " + sos.start();
        int p = sos.payload();
        int count = sos.payloadLength() < 1 ? 0 : data[p] & 0xFF;
        if (count < 1 || count > 4) {
            throw malformed(where + " declares " + count + " components");
        }
        if (sos.payloadLength() != 4 + 2 * count) {
            throw malformed(where + " is " + sos.payloadLength() + " bytes but declares " + count + " components");
        }
        int blocks = 0;
        for (int i = 0; i < count; i++) {
            int id = data[p + 1 + 2 * i] & 0xFF;
            int tables = data[p + 2 + 2 * i] & 0xFF;
            FrameHeader.Component component = frame.component(id);
            if (component == null) {
                throw malformed(where + " names component " + id + ", which the frame does not have");
            }
            for (int j = 0; j < i; j++) {
                if ((data[p + 1 + 2 * j] & 0xFF) == id) {
                    throw malformed(where + " names component " + id + " twice");
                }
            }
            if (tables >> 4 > 3 || (tables & 0x0F) > 3) {
                throw malformed(where + " selects Huffman tables " + (tables >> 4) + "/" + (tables & 0x0F));
            }
            if ((quantTablesDefined & 1 << component.quantTable()) == 0) {
                throw malformed(where + ": quantisation table " + component.quantTable() + " of component " + id
                        + " is not defined before the scan");
            }
            blocks += component.blocksPerMcu();
        }
        if (count > 1 && blocks > 10) {
            throw malformed(where + " interleaves " + blocks + " blocks per MCU; at most 10 are allowed");
        }
        int at = p + 1 + 2 * count;
        checkSpectralSelection(where, frame, count, data[at] & 0xFF, data[at + 1] & 0xFF, data[at + 2] & 0xFF);
    }

    private static void checkSpectralSelection(String where, FrameHeader frame, int count, int start, int end,
                                               int approximation) {
        int high = approximation >> 4;
        int low = approximation & 0x0F;
        boolean valid;
        if (!frame.progressive()) {
            valid = start == 0 && end == 63 && approximation == 0;
        } else {
            boolean dcScan = start == 0;
            valid = dcScan ? end == 0 : start <= end && end <= 63 && count == 1;
            valid &= (high == 0 || low == high - 1) && low <= 13;
        }
        if (!valid) {
            throw malformed(where + " has spectral selection " + start + ".." + end + " and approximation "
                    + high + "/" + low + ", which a " + (frame.progressive() ? "progressive" : "sequential")
                    + " JPEG cannot have");
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
