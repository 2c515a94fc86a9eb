package dev.pinhole.images.format.webp;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataKinds;
import dev.pinhole.images.format.PartBudget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Takes the metadata out of a WebP by dropping whole chunks: EXIF, XMP and chunks the format does not
 * define (at the top level and at the end of animation frames). Every other chunk is copied byte for byte,
 * so the compressed image data is untouched. The VP8X flags then say there is no EXIF and no XMP, ANMF
 * frames that lost a chunk get their new size, and the RIFF size is that of the new file.
 *
 * <p>The kept parts are listed first and copied once into an array of the final size, so cleaning needs
 * the input and the output in memory, nothing more.
 */
final class WebpCleaner {
    /** Cleaning walks a file inspection already accepted: no limit is needed to keep that walk bounded. */
    private static final InspectionLimits STRUCTURE_ONLY =
            new InspectionLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final int VP8X_FLAGS = WebpFile.RIFF_HEADER_SIZE + Chunk.HEADER_SIZE;
    private static final Set<String> DISPLAY_CHUNKS = Set.of("VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L");

    /** A part of the output: {@code length} bytes of the input from {@code offset}, or {@code literal} bytes. */
    private record Piece(int offset, int length, byte[] literal) {
        static Piece of(byte[] literal) {
            return new Piece(0, literal.length, literal);
        }
    }

    private final byte[] image;
    private final Set<MetadataKind> removed = EnumSet.noneOf(MetadataKind.class);
    private final List<Piece> pieces = new ArrayList<>();

    private WebpCleaner(byte[] image) {
        this.image = image;
    }

    static Cleaning clean(byte[] image) {
        WebpFile file = WebpFile.read(image, STRUCTURE_ONLY);
        if (!file.extended()) {
            return Cleaning.unchanged(image); // a simple file is one image chunk and nothing else
        }
        return new WebpCleaner(image).rewrite(file.chunks());
    }

    private Cleaning rewrite(List<Chunk> chunks) {
        pieces.add(new Piece(0, WebpFile.RIFF_HEADER_SIZE, null));
        for (Chunk chunk : chunks) {
            switch (chunk.type()) {
                case "EXIF" -> removed.addAll(MetadataKinds.EXIF);
                case "XMP " -> removed.addAll(MetadataKinds.ofXmp(image, chunk.payload(), chunk.size()));
                case "ANMF" -> keepFrame(chunk);
                default -> {
                    if (DISPLAY_CHUNKS.contains(chunk.type())) {
                        keep(chunk);
                    } else {
                        removed.add(MetadataKind.OTHER);
                    }
                }
            }
        }
        if (removed.isEmpty()) {
            return Cleaning.unchanged(image);
        }
        byte[] cleaned = assemble();
        writeLe32(cleaned, 4, cleaned.length - 8);
        // VP8X is the first chunk, so its flags byte is the first byte after the two headers.
        cleaned[VP8X_FLAGS] &= (byte) ~(ExtendedLayout.FLAG_EXIF | ExtendedLayout.FLAG_XMP);
        return new Cleaning(cleaned, removed);
    }

    /** An ANMF chunk keeps its header and image chunks; unknown chunks at its end are dropped. */
    private void keepFrame(Chunk anmf) {
        List<Chunk> inner = ChunkList.read(image, anmf.payload() + ExtendedLayout.ANMF_HEADER_SIZE,
                anmf.payload() + anmf.size(), new PartBudget(STRUCTURE_ONLY), false);
        List<Chunk> kept = inner.stream().filter(c -> DISPLAY_CHUNKS.contains(c.type())).toList();
        if (kept.size() == inner.size()) {
            keep(anmf);
            return;
        }
        removed.add(MetadataKind.OTHER);
        byte[] header = new byte[Chunk.HEADER_SIZE];
        System.arraycopy(image, anmf.start(), header, 0, 4);
        writeLe32(header, 4, ExtendedLayout.ANMF_HEADER_SIZE + kept.stream().mapToInt(c -> c.end() - c.start()).sum());
        pieces.add(Piece.of(header));
        pieces.add(new Piece(anmf.payload(), ExtendedLayout.ANMF_HEADER_SIZE, null));
        kept.forEach(this::keep);
    }

    private void keep(Chunk chunk) {
        pieces.add(new Piece(chunk.start(), chunk.end() - chunk.start(), null));
    }

    private byte[] assemble() {
        byte[] out = new byte[pieces.stream().mapToInt(Piece::length).sum()];
        int at = 0;
        for (Piece piece : pieces) {
            System.arraycopy(piece.literal() != null ? piece.literal() : image, piece.offset(), out, at, piece.length());
            at += piece.length();
        }
        return out;
    }

    private static void writeLe32(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) (value >>> 16);
        target[offset + 3] = (byte) (value >>> 24);
    }
}
