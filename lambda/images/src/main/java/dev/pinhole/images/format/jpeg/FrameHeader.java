package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.ArrayList;
import java.util.List;

/** The frame header (SOF0, SOF1 or SOF2): the picture's size and its colour components. */
record FrameHeader(int marker, int width, int height, List<Component> components) {

    /** One colour component: its id, sampling factors and the quantisation table it uses. */
    record Component(int id, int horizontal, int vertical, int quantTable) {
        int blocksPerMcu() {
            return horizontal * vertical;
        }
    }

    FrameHeader {
        components = List.copyOf(components);
    }

    boolean progressive() {
        return marker == Markers.SOF2;
    }

    Component component(int id) {
        for (Component c : components) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    /** Reads and checks a frame header; the size comes first so a pixel bomb is refused before anything else. */
    static FrameHeader read(byte[] data, Segment sof, InspectionLimits limits) {
        String name = Markers.name(sof.marker());
        int p = sof.payload();
        if (sof.payloadLength() < 6) {
            throw malformed(name + " is " + sof.payloadLength() + " bytes, too short for a frame header");
        }
        int height = u16(data, p + 1);
        int width = u16(data, p + 3);
        if (width == 0 || height == 0) {
            throw new Refusal(RefusalReason.NO_PIXELS, name + " declares " + width + " x " + height
                    + (height == 0 ? " (a height given later by a DNL marker, which browsers do not support)" : ""));
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new Refusal(RefusalReason.TOO_MANY_PIXELS, name + " declares " + width + " x " + height + " = "
                    + (long) width * height + " pixels, over the limit of " + limits.maxPixels());
        }
        int precision = data[p] & 0xFF;
        if (precision != 8) {
            if (precision == 12 || precision == 16) {
                throw new Refusal(RefusalReason.UNSUPPORTED_VARIANT,
                        "the file is a " + precision + "-bit JPEG, which web browsers do not show");
            }
            throw malformed(name + " declares a sample precision of " + precision + " bits");
        }
        int count = data[p + 5] & 0xFF;
        if (sof.payloadLength() != 6 + 3 * count) {
            throw malformed(name + " is " + sof.payloadLength() + " bytes but declares " + count + " components");
        }
        if (count == 0) {
            throw malformed(name + " declares no colour components");
        }
        if (count == 2 || count > 4) {
            throw new Refusal(RefusalReason.UNSUPPORTED_VARIANT,
                    "the file has " + count + " colour components; browsers show JPEGs with 1, 3 or 4");
        }
        return new FrameHeader(sof.marker(), width, height, components(data, p + 6, count, name));
    }

    private static List<Component> components(byte[] data, int at, int count, String name) {
        List<Component> components = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int o = at + 3 * i;
            int id = data[o] & 0xFF;
            int horizontal = (data[o + 1] & 0xFF) >> 4;
            int vertical = data[o + 1] & 0x0F;
            int table = data[o + 2] & 0xFF;
            if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4) {
                throw malformed(name + " gives component " + id + " sampling factors " + horizontal + "x" + vertical);
            }
            if (table > 3) {
                throw malformed(name + " gives component " + id + " quantisation table " + table);
            }
            for (Component earlier : components) {
                if (earlier.id() == id) {
                    throw malformed(name + " lists component " + id + " twice");
                }
            }
            components.add(new Component(id, horizontal, vertical, table));
        }
        return components;
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
