package dev.pinhole.images.format.avif;

import static dev.pinhole.images.format.avif.Iso.ascii;
import static dev.pinhole.images.format.avif.Iso.box;
import static dev.pinhole.images.format.avif.Iso.concat;
import static dev.pinhole.images.format.avif.Iso.cstring;
import static dev.pinhole.images.format.avif.Iso.fullBox;
import static dev.pinhole.images.format.avif.Iso.u16;
import static dev.pinhole.images.format.avif.Iso.u32;
import static dev.pinhole.images.format.avif.Iso.u8;

import java.util.ArrayList;
import java.util.List;

/**
 * A still AVIF assembled from parts: item 1 is the primary av01 image (its payload is opaque bytes, as the
 * format code never decodes it), more items, references, properties and boxes can be added. Item data
 * goes to 'mdat' (or 'idat') in item order; iloc offsets are worked out from the final layout.
 */
final class SyntheticAvif {
    private record ItemSpec(long id, String type, String contentType, byte[] data, boolean inIdat, int[] properties) {
    }

    private final List<ItemSpec> items = new ArrayList<>();
    private final List<byte[]> properties = new ArrayList<>();
    private final List<byte[]> references = new ArrayList<>();
    private final List<byte[]> extraMetaChildren = new ArrayList<>();
    private final List<byte[]> extraTopLevel = new ArrayList<>();
    private String handler = "pict";

    SyntheticAvif(long width, long height) {
        properties.add(ispe(width, height));
        properties.add(box("av1C", new byte[] {(byte) 0x81, 0, 0x0C, 0}));
        items.add(new ItemSpec(1, "av01", "", ascii("AV1-PICTURE-DATA"), false, new int[] {1, 0x82}));
    }

    static byte[] ispe(long width, long height) {
        return fullBox("ispe", 0, 0, u32(width), u32(height));
    }

    /** Adds a property to 'ipco' and returns its 1-based index. */
    int property(byte[] box) {
        properties.add(box);
        return properties.size();
    }

    /** Replaces the primary item's type and payload (a grid descriptor, say). */
    SyntheticAvif primary(String type, byte[] data) {
        ItemSpec primary = items.get(0);
        items.set(0, new ItemSpec(1, type, "", data, false, primary.properties()));
        return this;
    }

    SyntheticAvif item(long id, String type, byte[] data, int... propertyIndexes) {
        items.add(new ItemSpec(id, type, "", data, false, propertyIndexes));
        return this;
    }

    SyntheticAvif mime(long id, String contentType, byte[] data, boolean inIdat) {
        items.add(new ItemSpec(id, "mime", contentType, data, inIdat, new int[0]));
        return this;
    }

    SyntheticAvif reference(String type, long from, long... to) {
        byte[][] targets = new byte[to.length][];
        for (int i = 0; i < to.length; i++) {
            targets[i] = u16((int) to[i]);
        }
        references.add(box(type, u16((int) from), u16(to.length), concat(targets)));
        return this;
    }

    SyntheticAvif metaChild(byte[] box) {
        extraMetaChildren.add(box);
        return this;
    }

    SyntheticAvif topLevel(byte[] box) {
        extraTopLevel.add(box);
        return this;
    }

    SyntheticAvif handler(String type) {
        this.handler = type;
        return this;
    }

    byte[] build() {
        byte[] ftyp = Iso.ftyp("avif", "avif", "mif1", "miaf");
        byte[] draft = meta(0);
        long mdatPayload = ftyp.length + draft.length + 8L;
        byte[] meta = meta(mdatPayload);
        List<byte[]> data = new ArrayList<>();
        for (ItemSpec item : items) {
            if (!item.inIdat()) {
                data.add(item.data());
            }
        }
        return concat(ftyp, meta, box("mdat", concat(data.toArray(new byte[0][]))), concat(extraTopLevel.toArray(new byte[0][])));
    }

    private byte[] meta(long mdatPayload) {
        List<byte[]> infes = new ArrayList<>();
        List<byte[]> locations = new ArrayList<>();
        List<byte[]> associations = new ArrayList<>();
        List<byte[]> idat = new ArrayList<>();
        long fileOffset = mdatPayload;
        long idatOffset = 0;
        for (ItemSpec item : items) {
            byte[] mimeFields = item.type().equals("mime") ? cstring(item.contentType()) : new byte[0];
            infes.add(fullBox("infe", 2, 0, u16((int) item.id()), u16(0), ascii(item.type()), cstring(""), mimeFields));
            long offset = item.inIdat() ? idatOffset : fileOffset;
            locations.add(concat(u16((int) item.id()), u16(item.inIdat() ? 1 : 0), u16(0), u16(1), u32(offset),
                    u32(item.data().length)));
            if (item.inIdat()) {
                idat.add(item.data());
                idatOffset += item.data().length;
            } else {
                fileOffset += item.data().length;
            }
            if (item.properties().length > 0) {
                byte[] indexes = new byte[item.properties().length];
                for (int i = 0; i < indexes.length; i++) {
                    indexes[i] = (byte) item.properties()[i];
                }
                associations.add(concat(u16((int) item.id()), u8(indexes.length), indexes));
            }
        }
        List<byte[]> children = new ArrayList<>();
        children.add(fullBox("hdlr", 0, 0, u32(0), ascii(handler), new byte[12], cstring("")));
        children.add(fullBox("pitm", 0, 0, u16(1)));
        children.add(fullBox("iloc", 1, 0, u8(0x44), u8(0), u16(items.size()), concat(locations.toArray(new byte[0][]))));
        children.add(fullBox("iinf", 0, 0, u16(items.size()), concat(infes.toArray(new byte[0][]))));
        if (!references.isEmpty()) {
            children.add(fullBox("iref", 0, 0, concat(references.toArray(new byte[0][]))));
        }
        children.add(box("iprp", box("ipco", concat(properties.toArray(new byte[0][]))),
                fullBox("ipma", 0, 0, u32(associations.size()), concat(associations.toArray(new byte[0][])))));
        if (!idat.isEmpty()) {
            children.add(box("idat", concat(idat.toArray(new byte[0][]))));
        }
        children.addAll(extraMetaChildren);
        return fullBox("meta", 0, 0, concat(children.toArray(new byte[0][])));
    }
}
