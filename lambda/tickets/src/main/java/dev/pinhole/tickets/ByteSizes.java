package dev.pinhole.tickets;

import java.util.Locale;

/** Byte counts as people read them in error messages: "20 MiB (20971520 bytes)". */
final class ByteSizes {
    private ByteSizes() {
    }

    static String describe(long bytes) {
        String[] units = {"KiB", "MiB", "GiB"};
        double value = bytes;
        String unit = null;
        for (String candidate : units) {
            if (value < 1024) {
                break;
            }
            value /= 1024;
            unit = candidate;
        }
        if (unit == null) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + unit + " (" + bytes + " bytes)";
    }
}
