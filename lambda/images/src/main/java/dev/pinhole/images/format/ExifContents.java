package dev.pinhole.images.format;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What an EXIF block (a TIFF structure: byte order, IFD0, the Exif, GPS and thumbnail IFDs) reveals, in
 * {@link MetadataKind} terms, and its Orientation. Reads only the IFD entries' tags, never their values,
 * with every offset bounds-checked and every IFD visited at most once, so a looping or lying block costs a
 * short walk. A block it cannot follow to the end is reported as revealing everything EXIF can hold.
 *
 * @param orientation the IFD0 Orientation (1..8), or 1 when absent or unreadable
 */
public record ExifContents(Set<MetadataKind> kinds, int orientation) {
    /** What a damaged block may hold, for the uploader's notice: the worst case, not a guess. */
    public static final Set<MetadataKind> ANYTHING = Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA,
            MetadataKind.DATES, MetadataKind.PEOPLE, MetadataKind.TEXT, MetadataKind.THUMBNAIL);
    private static final int MAX_IFDS = 16;
    private static final int EXIF_POINTER = 0x8769;
    private static final int GPS_POINTER = 0x8825;
    private static final int INTEROP_POINTER = 0xA005;
    private static final int ORIENTATION = 0x0112;

    private enum Ifd { MAIN, THUMBNAIL, EXIF, GPS, INTEROP }

    public ExifContents {
        kinds = Set.copyOf(kinds);
    }

    /** Reads the block at {@code data[offset, offset + length)}; an "Exif\0\0" prefix is skipped. */
    public static ExifContents read(byte[] data, int offset, int length) {
        try {
            return new Walk(data, offset, length).run();
        } catch (Refusal damaged) {
            return new ExifContents(ANYTHING, 1);
        }
    }

    /** Tags that only describe the stored picture (size, layout, colour), not who or where. */
    private static boolean isNeutral(Ifd ifd, int tag) {
        return switch (ifd) {
            case MAIN, THUMBNAIL -> tag <= 0x0106 || tag == 0x0111 || tag >= 0x0115 && tag <= 0x011C
                    || tag == ORIENTATION || tag == 0x0128 || tag == 0x013E || tag == 0x013F
                    || tag >= 0x0201 && tag <= 0x0214;
            case EXIF -> tag == 0x9000 || tag == 0x9101 || tag == 0xA000 || tag == 0xA001 || tag == 0xA002
                    || tag == 0xA003 || tag == INTEROP_POINTER;
            case INTEROP -> true;
            case GPS -> false;
        };
    }

    private static MetadataKind kindOf(Ifd ifd, int tag) {
        if (ifd == Ifd.GPS) {
            return MetadataKind.LOCATION;
        }
        return switch (tag) {
            case 0x010F, 0x0110, 0x0131, 0xC614, 0x927C, 0xA431, 0xA432, 0xA433, 0xA434, 0xA435 -> MetadataKind.CAMERA;
            case 0x0132, 0x9003, 0x9004, 0x9010, 0x9011, 0x9012, 0x9290, 0x9291, 0x9292 -> MetadataKind.DATES;
            case 0x013B, 0x8298, 0x9C9D, 0xA430 -> MetadataKind.PEOPLE;
            case 0x010E, 0x9286, 0x9C9B, 0x9C9C, 0x9C9E, 0x9C9F -> MetadataKind.TEXT;
            // Whatever else the Exif IFD holds is how the picture was taken: exposure, lens, flash...
            default -> ifd == Ifd.EXIF ? MetadataKind.CAMERA : MetadataKind.OTHER;
        };
    }

    /** One walk over the IFD tree; {@link Bytes} refuses every read outside the block. */
    private static final class Walk {
        private final byte[] block;
        private final boolean littleEndian;
        private final Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        private final Set<Long> visited = new HashSet<>();
        private final Deque<long[]> pending = new ArrayDeque<>();
        private int orientation = 1;

        Walk(byte[] data, int offset, int length) {
            Bytes.require(data, offset, length, "the EXIF block");
            int start = Bytes.startsWith(data, offset, new byte[] {'E', 'x', 'i', 'f', 0, 0}) ? offset + 6 : offset;
            // A copy bounds every read to the block itself, not the file around it.
            block = Arrays.copyOfRange(data, start, offset + length);
            int order = Bytes.u16be(block, 0, "the EXIF byte order");
            if (order != 0x4949 && order != 0x4D4D) {
                throw new Refusal(RefusalReason.MALFORMED, "no TIFF byte order");
            }
            littleEndian = order == 0x4949;
            if (u16(2) != 42) {
                throw new Refusal(RefusalReason.MALFORMED, "no TIFF magic number");
            }
        }

        ExifContents run() {
            pending.add(new long[] {u32(4), Ifd.MAIN.ordinal()});
            while (!pending.isEmpty()) {
                long[] next = pending.poll();
                Ifd ifd = Ifd.values()[(int) next[1]];
                if (next[0] == 0) {
                    continue;
                }
                if (!visited.add(next[0]) || visited.size() > MAX_IFDS) {
                    throw new Refusal(RefusalReason.MALFORMED, "the EXIF IFDs loop");
                }
                directory(next[0], ifd);
            }
            return new ExifContents(kinds, orientation);
        }

        private void directory(long at, Ifd ifd) {
            int entries = u16(at);
            Bytes.require(block, at + 2, entries * 12L + 4, "an EXIF IFD");
            if (ifd == Ifd.THUMBNAIL && entries > 0) {
                kinds.add(MetadataKind.THUMBNAIL);
            }
            for (int k = 0; k < entries; k++) {
                long entry = at + 2 + k * 12L;
                int tag = u16(entry);
                switch (tag) {
                    case EXIF_POINTER -> pending.add(new long[] {u32(entry + 8), Ifd.EXIF.ordinal()});
                    case GPS_POINTER -> pending.add(new long[] {u32(entry + 8), Ifd.GPS.ordinal()});
                    case INTEROP_POINTER -> pending.add(new long[] {u32(entry + 8), Ifd.INTEROP.ordinal()});
                    default -> {
                        if (ifd == Ifd.MAIN && tag == ORIENTATION && u16(entry + 2) == 3) {
                            int value = u16(entry + 8);
                            orientation = value >= 1 && value <= 8 ? value : 1;
                        }
                        if (!isNeutral(ifd, tag) && ifd != Ifd.THUMBNAIL) {
                            kinds.add(kindOf(ifd, tag));
                        }
                    }
                }
            }
            if (ifd == Ifd.MAIN) {
                pending.add(new long[] {u32(at + 2 + entries * 12L), Ifd.THUMBNAIL.ordinal()});
            }
        }

        private int u16(long at) {
            return littleEndian ? Bytes.u16le(block, at, "EXIF") : Bytes.u16be(block, at, "EXIF");
        }

        private long u32(long at) {
            return littleEndian ? Bytes.u32le(block, at, "EXIF") : Bytes.u32be(block, at, "EXIF");
        }
    }
}
