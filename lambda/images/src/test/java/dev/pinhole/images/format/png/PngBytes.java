package dev.pinhole.images.format.png;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-made PNG files for tests: chunks written one by one, so any rule can be broken on purpose. */
final class PngBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PngBytes() {
        out.writeBytes(PngChunkReader.SIGNATURE);
    }

    static PngBytes start() {
        return new PngBytes();
    }

    /** Starts with IHDR for {@code width x height} in the given layout (interlace 0). */
    static PngBytes withHeader(long width, long height, int bitDepth, int colourType) {
        return start().chunk("IHDR", ihdr(width, height, bitDepth, colourType, 0));
    }

    static byte[] ihdr(long width, long height, int bitDepth, int colourType, int interlace) {
        return ByteBuffer.allocate(13).putInt((int) width).putInt((int) height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) interlace).array();
    }

    PngBytes chunk(String type, byte[] data) {
        out.writeBytes(chunkBytes(type, data));
        return this;
    }

    PngBytes text(String keyword, String value) {
        return chunk("tEXt", (keyword + "\0" + value).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An IDAT holding {@code raw} compressed as one zlib stream. */
    PngBytes idat(byte[] raw) {
        return chunk("IDAT", zlib(raw));
    }

    PngBytes end() {
        return chunk("IEND", new byte[0]);
    }

    PngBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] chunkBytes(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        return chunk.putInt((int) crc.getValue()).array();
    }

    static byte[] zlib(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    /** The chunks of a (well-formed) PNG, as [type, whole chunk bytes]. */
    static List<Chunk> chunks(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        int at = 8;
        while (at < png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            byte[] whole = Arrays.copyOfRange(png, at, at + 12 + length);
            chunks.add(new Chunk(type, whole));
            at += 12 + length;
        }
        return chunks;
    }

    /** A PNG made of {@code png}'s chunks with {@code extra} (whole chunks) put in before the first IDAT. */
    static byte[] insertBeforeImageData(byte[] png, byte[]... extra) {
        return insert(png, c -> c.type().equals("IDAT"), extra);
    }

    /** A PNG made of {@code png}'s chunks with {@code extra} put in before the first chunk {@code where} picks. */
    static byte[] insert(byte[] png, Predicate<Chunk> where, byte[]... extra) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.writeBytes(PngChunkReader.SIGNATURE);
        boolean inserted = false;
        for (Chunk chunk : chunks(png)) {
            if (!inserted && where.test(chunk)) {
                for (byte[] e : extra) {
                    result.writeBytes(e);
                }
                inserted = true;
            }
            result.writeBytes(chunk.bytes());
        }
        return result.toByteArray();
    }

    /** The concatenated data of {@code png}'s IDAT chunks: its compressed image. */
    static byte[] imageData(byte[] png) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Chunk chunk : chunks(png)) {
            if (chunk.type().equals("IDAT")) {
                data.write(chunk.bytes(), 8, chunk.bytes().length - 12);
            }
        }
        return data.toByteArray();
    }

    record Chunk(String type, byte[] bytes) {
    }
}
