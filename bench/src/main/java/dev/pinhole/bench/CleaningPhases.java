package dev.pinhole.bench;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.jpeg.JpegFormat;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Where the time of one photo goes in Pinhole's file-to-file run, phase by phase, next to floors measured on the
 * same bytes: one pass that reads every byte (a sum of its 8-byte words, the least any cleaner that checks the
 * compressed data must spend in memory), the kernel copying the file to a new one without it ever entering the
 * JVM ({@code FileChannel.transferTo}, the least any tool that writes a cleaned copy to a file must spend), and
 * one copy of the photo into fresh memory ({@code Arrays.copyOf}, what a cleaner that hands back a new array
 * spends on top). The phases of each image run one after the other, so load that comes and goes hits them all
 * alike. Prints a Markdown table in milliseconds per image.
 */
final class CleaningPhases {
    private static final JpegFormat JPEG = new JpegFormat();
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** About 400 MB of photo per phase, so each figure is an average over several collections. */
    private static final long BYTES_PER_PHASE = 400_000_000L;
    private static final int WARM_UP = 3;

    private CleaningPhases() {
    }

    static void print(List<String> labels, List<Path> photos, Path work) throws IOException {
        System.out.println("Where Pinhole's time goes, per image (ms; `CleaningPhases`):");
        System.out.println();
        System.out.println("| photo | read the file | inspect (the walk) | inspect + clean, one walk | write a new file"
                + " | floor: read every byte once | floor: the kernel copies the file | one copy of the photo"
                + " (`Arrays.copyOf`) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int k = 0; k < photos.size(); k++) {
            Path photo = photos.get(k);
            byte[] loaded = PhotoFiles.read(photo);
            int images = (int) Math.max(20, BYTES_PER_PHASE / loaded.length);
            phases(photo, loaded, work, WARM_UP);
            long[] nanos = phases(photo, loaded, work, images);
            System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", labels.get(k),
                    ms(nanos[0], images), ms(nanos[1], images), ms(nanos[2], images), ms(nanos[3], images),
                    ms(nanos[5], images), ms(nanos[6], images), ms(nanos[4], images));
        }
    }

    private static long[] phases(Path photo, byte[] loaded, Path work, int images) throws IOException {
        long[] nanos = new long[7];
        long checksum = 0;
        for (int i = 0; i < images; i++) {
            long start = System.nanoTime();
            byte[] image = PhotoFiles.read(photo);
            long read = System.nanoTime();
            checksum += JPEG.inspect(image, InspectionLimits.DEFAULT).width();
            long walked = System.nanoTime();
            Cleaning cleaned = PrivacyCompare.inspectAndClean(image);
            long cleanedAt = System.nanoTime();
            Path out = work.resolve("phases-" + i + ".jpg");
            PhotoFiles.writeNew(out, cleaned);
            long written = System.nanoTime();
            Files.delete(out);
            long copyStart = System.nanoTime();
            byte[] copy = Arrays.copyOf(loaded, loaded.length);
            long copied = System.nanoTime();
            checksum += copy[i % copy.length];
            long sumStart = System.nanoTime();
            checksum += sumOfWords(loaded);
            long summed = System.nanoTime();
            Path kernelOut = work.resolve("kernel-copy-" + i + ".jpg");
            long kernelStart = System.nanoTime();
            kernelCopy(photo, kernelOut);
            long kernelCopied = System.nanoTime();
            Files.delete(kernelOut);
            nanos[0] += read - start;
            nanos[1] += walked - read;
            nanos[2] += cleanedAt - walked;
            nanos[3] += written - cleanedAt;
            nanos[4] += copied - copyStart;
            nanos[5] += summed - sumStart;
            nanos[6] += kernelCopied - kernelStart;
        }
        if (checksum == Long.MIN_VALUE) {
            System.out.println("(keeps the JIT from dropping the work)");
        }
        return nanos;
    }

    /** Every byte read once, eight at a time, with one add each: what memory and the JIT allow for a single pass. */
    static long sumOfWords(byte[] bytes) {
        long sum = 0;
        int i = 0;
        for (int lastWord = bytes.length - Long.BYTES; i <= lastWord; i += Long.BYTES) {
            sum += (long) WORDS.get(bytes, i);
        }
        for (; i < bytes.length; i++) {
            sum += bytes[i];
        }
        return sum;
    }

    /** The file copied to a new one by the kernel (copy_file_range or sendfile on Linux), never through the JVM. */
    static void kernelCopy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
        }
    }

    private static double ms(long nanos, int images) {
        return nanos / 1e6 / images;
    }
}
