package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Dimensions;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.PartBudget;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the 'meta' box (a full box, version 0): a 'pict' handler, the primary item, item information,
 * locations, properties and references, each at most once. Every item named in iloc, ipma or iref must
 * be declared in iinf, and every extent must lie inside the file (or inside 'idat').
 */
final class MetaReader {
    private static final Set<String> SINGLE_CHILDREN = Set.of("hdlr", "pitm", "iloc", "iinf", "iref", "iprp", "idat",
            "grpl");

    private MetaReader() {
    }

    /** The parsed box and the primary image's size, which is checked against {@code limits} as soon as it is known. */
    record Result(Meta meta, Dimensions size) {
    }

    static Result read(byte[] data, Box meta, InspectionLimits limits, PartBudget parts) {
        BoxCursor header = new BoxCursor(data, meta);
        if (header.fullBoxVersion() != 0) {
            throw malformed("the 'meta' box is not version 0");
        }
        List<Box> children = BoxList.children(data, meta, header.position(), parts);
        Map<String, Box> named = new HashMap<>();
        for (Box child : children) {
            if (SINGLE_CHILDREN.contains(child.type()) && named.putIfAbsent(child.type(), child) != null) {
                throw malformed("the 'meta' box holds two " + child.describe());
            }
        }
        checkHandler(data, required(named, "hdlr"));
        long primary = primaryItem(data, required(named, "pitm"));
        ItemInfos infos = ItemInfos.read(data, required(named, "iinf"), parts);
        ItemProperties properties = ItemProperties.read(data, required(named, "iprp"), parts);
        Dimensions size = PrimaryImage.checkSizes(data, primary, infos, properties, limits);
        ItemLocations locations = ItemLocations.read(data, required(named, "iloc"), parts);
        Box iref = named.get("iref");
        ItemReferences references = iref == null ? ItemReferences.NONE : ItemReferences.read(data, iref, parts);
        Box grpl = named.get("grpl");
        Set<Long> grouped = grpl == null ? Set.of() : EntityGroups.entities(data, grpl, parts);
        Meta parsed = new Meta(meta, children, primary, infos, locations, properties, references, named.get("idat"),
                grouped);
        checkItemsAreDeclared(parsed);
        checkExtents(data, parsed);
        PrimaryImage.checkStructure(data, parsed, size, limits);
        return new Result(parsed, size);
    }

    private static void checkHandler(byte[] data, Box hdlr) {
        BoxCursor cursor = new BoxCursor(data, hdlr);
        cursor.fullBoxVersion();
        cursor.u32(); // pre_defined
        String handler = cursor.fourCc();
        if (!handler.equals("pict")) {
            throw malformed("the 'meta' handler is " + Box.describe(handler) + ", not 'pict' (a picture)");
        }
    }

    private static long primaryItem(byte[] data, Box pitm) {
        BoxCursor cursor = new BoxCursor(data, pitm);
        return cursor.fullBoxVersion() == 0 ? cursor.u16() : cursor.u32();
    }

    private static void checkItemsAreDeclared(Meta meta) {
        Map<Long, Item> items = meta.infos().items();
        requireDeclared(items, meta.primary(), "the primary item");
        meta.locations().locations().keySet().forEach(id -> requireDeclared(items, id, "an 'iloc' entry"));
        meta.properties().associations().keySet().forEach(id -> requireDeclared(items, id, "an 'ipma' entry"));
        for (Reference reference : meta.references().references()) {
            requireDeclared(items, reference.from(), "a '" + reference.type() + "' reference");
            reference.to().forEach(to -> requireDeclared(items, to, "a '" + reference.type() + "' reference from item "
                    + reference.from()));
        }
    }

    private static void requireDeclared(Map<Long, Item> items, long id, String what) {
        if (!items.containsKey(id)) {
            throw malformed(what + " names item " + id + ", which 'iinf' does not declare");
        }
    }

    /** File extents must lie in the file (else it was cut short); idat extents inside the idat box. */
    private static void checkExtents(byte[] data, Meta meta) {
        for (Location location : meta.locations().locations().values()) {
            for (Location.Extent extent : location.extents()) {
                if (location.inFile()) {
                    if (extent.end() > data.length || extent.end() < 0) {
                        throw new Refusal(RefusalReason.TRUNCATED, "item " + location.itemId() + "'s data ("
                                + extent.length() + " bytes at offset " + extent.offset() + ") lies beyond the end of the "
                                + data.length + "-byte file");
                    }
                } else if (meta.idat() == null) {
                    throw malformed("item " + location.itemId() + " keeps its data in 'idat', but there is no 'idat' box");
                } else if (extent.end() > meta.idat().payloadSize() || extent.end() < 0) {
                    throw malformed("item " + location.itemId() + "'s data lies beyond the end of the 'idat' box");
                }
            }
        }
    }

    private static Box required(Map<String, Box> named, String type) {
        Box box = named.get(type);
        if (box == null) {
            throw malformed("the 'meta' box has no '" + type + "' box");
        }
        return box;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(RefusalReason.MALFORMED, detail);
    }
}
