package dev.pinhole.images.format.png;

import dev.pinhole.images.format.ByteSplice;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ExifContents;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import java.util.EnumSet;
import java.util.Set;

/**
 * Removes a PNG's privacy metadata by dropping whole chunks: every kept chunk is copied byte for byte, its
 * CRC untouched, so the compressed picture is bit-identical. Removed: eXIf (GPS, camera, dates), the text
 * chunks (tEXt, zTXt, iTXt, which is where XMP lives), tIME, and every chunk {@link PngChunkPolicy} does not
 * name. The one thing put back is an eXIf Orientation, when the removed eXIf turned the picture.
 */
final class PngCleaner {
    private final byte[] data;
    private final MetadataPolicy policy;
    private final Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private final ByteSplice result;
    private boolean beforeImageData = true;

    PngCleaner(byte[] data, MetadataPolicy policy) {
        this.data = data;
        this.policy = policy;
        this.result = new ByteSplice(data);
    }

    Cleaning clean() {
        PngChunkReader reader = PngChunkReader.open(data);
        result.keep(0, PngChunkReader.SIGNATURE.length);
        while (reader.hasNext()) {
            PngChunk chunk = reader.next();
            if (chunk.is("IDAT")) {
                beforeImageData = false;
            }
            if (keeps(chunk)) {
                result.keep(chunk.offset(), chunk.end());
            } else {
                removed.addAll(drop(chunk));
            }
        }
        return removed.isEmpty() ? Cleaning.unchanged(data) : Cleaning.spliced(result, removed);
    }

    private boolean keeps(PngChunk chunk) {
        if (PngChunkPolicy.keeps(chunk.type())) {
            return true;
        }
        if (PngTextChunk.isText(chunk)) {
            return policy.keepCopyright() && PngTextChunk.keyword(data, chunk).equals("Copyright");
        }
        return chunk.is("eXIf") && beforeImageData && PngOrientationChunk.isCanonical(data, chunk);
    }

    /** What dropping {@code chunk} takes away; for eXIf, also puts its Orientation back when it has one. */
    private Set<MetadataKind> drop(PngChunk chunk) {
        if (PngTextChunk.isText(chunk)) {
            return PngTextChunk.kinds(data, chunk);
        }
        if (chunk.is("tIME")) {
            return Set.of(MetadataKind.DATES);
        }
        if (chunk.is("eXIf")) {
            ExifContents exif = ExifContents.read(data, chunk.dataOffset(), chunk.length());
            // Browsers only apply an Orientation that comes before the image data; one after it turned nothing.
            if (beforeImageData && exif.orientation() != 1) {
                result.put(PngOrientationChunk.of(exif.orientation()));
            }
            return exif.kinds().isEmpty() ? Set.of(MetadataKind.OTHER) : exif.kinds();
        }
        return Set.of(MetadataKind.OTHER);
    }
}
