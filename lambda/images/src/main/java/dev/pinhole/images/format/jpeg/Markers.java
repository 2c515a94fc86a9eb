package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;

/**
 * The JPEG marker codes (ITU-T T.81, table B.1) this package acts on, and the decision which of them a
 * file served to browsers may contain at all.
 */
final class Markers {
    static final int SOF0 = 0xC0;
    static final int SOF1 = 0xC1;
    static final int SOF2 = 0xC2;
    static final int DHT = 0xC4;
    static final int RST0 = 0xD0;
    static final int RST7 = 0xD7;
    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DQT = 0xDB;
    static final int DNL = 0xDC;
    static final int DRI = 0xDD;
    static final int APP0 = 0xE0;
    static final int APP1 = 0xE1;
    static final int APP2 = 0xE2;
    static final int APP13 = 0xED;
    static final int APP14 = 0xEE;
    static final int APP15 = 0xEF;
    static final int COM = 0xFE;

    private Markers() {
    }

    static boolean isApp(int marker) {
        return marker >= APP0 && marker <= APP15;
    }

    /** 0xFF00 (a stuffed data byte) and RST0..7 are part of entropy-coded data, not the end of it. */
    static boolean continuesEntropyData(int marker) {
        return marker == 0x00 || marker >= RST0 && marker <= RST7;
    }

    static String name(int marker) {
        return switch (marker) {
            case SOF0 -> "SOF0";
            case SOF1 -> "SOF1";
            case SOF2 -> "SOF2";
            case DHT -> "DHT";
            case SOI -> "SOI";
            case EOI -> "EOI";
            case SOS -> "SOS";
            case DQT -> "DQT";
            case DNL -> "DNL";
            case DRI -> "DRI";
            case COM -> "COM";
            default -> isApp(marker) ? "APP" + (marker - APP0) : String.format("0xFF%02X", marker);
        };
    }

    /**
     * Refuses markers that have no place between segments of an image browsers show: the JPEG variants
     * that Chrome and Firefox do not decode (lossless, hierarchical, arithmetic coding: both browsers have
     * declined to enable them), JPEG-LS and reserved codes, and markers that only occur inside scans.
     */
    static void requireSegmentMarker(int marker, long offset) {
        switch (marker) {
            case SOF0, SOF1, SOF2, DHT, SOS, DQT, DNL, DRI, COM -> {
                return;
            }
            case 0xC3, 0xC7, 0xCB, 0xCF -> throw unsupported("a lossless JPEG", marker, offset);
            case 0xC5, 0xC6, 0xCD, 0xCE, 0xDE, 0xDF -> throw unsupported("a hierarchical JPEG", marker, offset);
            case 0xC9, 0xCA, 0xCC -> throw unsupported("an arithmetic-coded JPEG", marker, offset);
            case 0xF7, 0xF8 -> throw unsupported("a JPEG-LS image", marker, offset);
            default -> {
                if (isApp(marker)) {
                    return;
                }
                throw new Refusal(RefusalReason.MALFORMED, "unexpected marker " + name(marker) + " at byte " + offset);
            }
        }
    }

    private static Refusal unsupported(String what, int marker, long offset) {
        return new Refusal(RefusalReason.UNSUPPORTED_VARIANT, "the file is " + what + " (" + name(marker) + " at byte "
                + offset + "), which web browsers do not show");
    }
}
