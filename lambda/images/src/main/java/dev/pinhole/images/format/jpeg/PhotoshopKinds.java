package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.MetadataKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Says what an APP13 Photoshop segment held: its image resources ("8BIM" blocks) and, inside resource
 * 0x0404, the IPTC datasets (by-line, city, caption...). The segment goes whole; this only words the notice.
 */
final class PhotoshopKinds {
    private static final byte[] HEADER = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE = "8BIM".getBytes(StandardCharsets.US_ASCII);
    private static final int IPTC = 0x0404;
    private static final int THUMBNAIL_OLD = 0x0409;
    private static final int THUMBNAIL = 0x040C;

    private PhotoshopKinds() {
    }

    static Set<MetadataKind> of(byte[] image, Segment segment) {
        Set<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
        if (segment.payloadStartsWith(image, HEADER)) {
            resources(image, segment.payload() + HEADER.length, segment.payloadEnd(), kinds);
        }
        if (kinds.isEmpty()) {
            kinds.add(MetadataKind.OTHER);
        }
        return kinds;
    }

    private static void resources(byte[] image, int from, int end, Set<MetadataKind> kinds) {
        int at = from;
        while (end - at >= 12 && startsWith(image, at, RESOURCE)) {
            int id = u16(image, at + 4);
            int nameLength = image[at + 6] & 0xFF;
            int size = at + 7 + nameLength + ((nameLength & 1) == 0 ? 1 : 0);
            if (end - size < 4) {
                return;
            }
            long length = (image[size] & 0xFFL) << 24 | (image[size + 1] & 0xFF) << 16
                    | (image[size + 2] & 0xFF) << 8 | image[size + 3] & 0xFF;
            int data = size + 4;
            if (length > end - data) {
                kinds.add(MetadataKind.OTHER);
                return;
            }
            if (id == IPTC) {
                iptc(image, data, data + (int) length, kinds);
            } else if (id == THUMBNAIL || id == THUMBNAIL_OLD) {
                kinds.add(MetadataKind.THUMBNAIL);
            } else {
                kinds.add(MetadataKind.OTHER);
            }
            at = data + (int) length + (int) (length & 1);
        }
    }

    /** IPTC-IIM datasets: 0x1C, record, dataset, a 16-bit length, the value. */
    private static void iptc(byte[] image, int from, int end, Set<MetadataKind> kinds) {
        int at = from;
        while (end - at >= 5 && image[at] == 0x1C) {
            int record = image[at + 1] & 0xFF;
            int dataset = image[at + 2] & 0xFF;
            int length = u16(image, at + 3);
            if ((length & 0x8000) != 0 || length > end - at - 5) {
                kinds.add(MetadataKind.OTHER);
                return;
            }
            if (record == 2 && dataset != 0) {
                kinds.add(iptcKind(dataset));
            } else if (record != 2) {
                kinds.add(MetadataKind.OTHER);
            }
            at += 5 + length;
        }
    }

    private static MetadataKind iptcKind(int dataset) {
        return switch (dataset) {
            case 80, 85, 110, 115, 116, 118, 122 -> MetadataKind.PEOPLE;
            case 30, 35, 37, 38, 55, 60, 62, 63 -> MetadataKind.DATES;
            case 26, 27, 90, 92, 95, 100, 101 -> MetadataKind.LOCATION;
            case 5, 15, 20, 25, 40, 105, 120 -> MetadataKind.TEXT;
            default -> MetadataKind.OTHER;
        };
    }

    private static boolean startsWith(byte[] image, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (image[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] image, int at) {
        return (image[at] & 0xFF) << 8 | image[at + 1] & 0xFF;
    }
}
