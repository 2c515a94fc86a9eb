package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 'iinf' box: an entry count, then exactly that many 'infe' boxes (versions 2 and 3, as HEIF requires). */
record ItemInfos(Box box, CountField count, Map<Long, Item> items) {

    static ItemInfos read(byte[] data, Box iinf, PartBudget parts) {
        BoxCursor cursor = new BoxCursor(data, iinf);
        int version = cursor.fullBoxVersion();
        int width = version == 0 ? 2 : 4;
        CountField count = new CountField(cursor.position(), width, cursor.sized(width));
        List<Box> entries = BoxList.children(data, iinf, cursor.position(), parts);
        if (entries.size() != count.value()) {
            throw malformed("the 'iinf' box declares " + count.value() + " items but holds " + entries.size() + " boxes");
        }
        Map<Long, Item> items = new LinkedHashMap<>();
        for (Box entry : entries) {
            if (!entry.is("infe")) {
                throw malformed("the 'iinf' box holds " + entry.describe() + ", not an item entry");
            }
            Item item = entry(data, entry);
            if (items.putIfAbsent(item.id(), item) != null) {
                throw malformed("item " + item.id() + " is declared twice");
            }
        }
        return new ItemInfos(iinf, count, Collections.unmodifiableMap(items));
    }

    private static Item entry(byte[] data, Box infe) {
        BoxCursor cursor = new BoxCursor(data, infe);
        int version = cursor.fullBoxVersion();
        if (version < 2 || version > 3) {
            throw malformed(infe.describe() + " has version " + version + "; HEIF uses versions 2 and 3");
        }
        long id = version == 2 ? cursor.u16() : cursor.u32();
        if (cursor.u16() != 0) {
            throw malformed("item " + id + " is protected (encrypted), which no browser decodes");
        }
        String type = cursor.fourCc();
        cursor.string(); // item_name
        String contentType = "";
        String contentEncoding = "";
        if (type.equals("mime")) {
            contentType = cursor.string();
            contentEncoding = cursor.remaining() > 0 ? cursor.string() : "";
        }
        return new Item(id, type, contentType, contentEncoding, infe);
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
