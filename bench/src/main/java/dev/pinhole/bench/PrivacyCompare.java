package dev.pinhole.bench;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.jpeg.JpegFormat;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Metadata removal, Pinhole's JpegFormat ({@code inspectAndClean}, in this warm JVM) against exiftool kept
 * running in {@code -stay_open} batch mode (so its start-up is not counted), on the same JPEG photos carrying a
 * phone's metadata: for each size, rounds alternate between the two, each doing the same files. Both read the
 * file and write the cleaned copy to a new file, as exiftool must; Pinhole is also timed in memory, as the
 * publisher runs it (bytes from S3, bytes to S3): the cleaned image as parts of the upload, which the PUT reads
 * as it sends them, and the same read out once through a small buffer, the least any consumer of the result
 * spends. Prints a Markdown table: images per second, peak memory, ratios.
 *
 * <p>Usage: {@code PrivacyCompare WORK_DIRECTORY} (exiftool on PATH; photos from {@link PhotoFixtures}).
 */
public final class PrivacyCompare {
    private static final String EXIFTOOL_CLEAN = "-all=\n-tagsfromfile\n@\n-icc_profile\n-orientation\n";
    private static final int ROUNDS = 6;
    private static final JpegFormat JPEG = new JpegFormat();
    /** The buffer the cleaned image is read out through: a socket-sized piece that stays in the CPU cache. */
    static final int READ_OUT_BUFFER = 64 * 1024;

    private PrivacyCompare() {
    }

    record Size(String label, int targetBytes, int perRound) {
    }

    static final List<Size> SIZES = List.of(new Size("100 KB", 100_000, 60), new Size("2 MB", 2_000_000, 12),
            new Size("20 MB", 20_000_000, 3));

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PrivacyCompare WORK_DIRECTORY");
        }
        Path work = Files.createDirectories(Path.of(args[0]));
        Path profile = Files.write(work.resolve("srgb.icc"), ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        System.out.println("| photo | bytes | exiftool images/s | exiftool peak RSS | Pinhole images/s, file to file"
                + " | ratio | Pinhole images/s, in memory | ratio | Pinhole images/s, in memory, read out once | ratio"
                + " | Pinhole peak heap |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        List<Path> photos = new ArrayList<>();
        for (Size size : SIZES) {
            Path photo = PhotoFixtures.phoneJpeg(work, size.targetBytes(), profile);
            photos.add(photo);
            measure(size, photo, work);
        }
        System.out.println();
        CleaningPhases.print(SIZES.stream().map(Size::label).toList(), photos, work);
    }

    private static void measure(Size size, Path photo, Path work) throws Exception {
        try (StayOpenExiftool exiftool = new StayOpenExiftool()) {
            // Warm both: JIT for Pinhole, exiftool's modules loaded and its first file handled.
            for (int i = 0; i < 3; i++) {
                Path warmPinhole = work.resolve("warm-pinhole.jpg");
                pinhole(photo, warmPinhole);
                Files.delete(warmPinhole);
                Path warm = work.resolve("warm-exiftool.jpg");
                exiftool.clean(photo, warm);
                Files.delete(warm);
            }
            long baseline = heapAfterGc();
            byte[] loaded = Files.readAllBytes(photo);
            long pinholeNanos = 0;
            long inMemoryNanos = 0;
            long readOutNanos = 0;
            byte[] buffer = new byte[READ_OUT_BUFFER];
            long checksum = 0;
            long exiftoolNanos = 0;
            int count = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < size.perRound(); i++) {
                    Path out = work.resolve("pinhole-" + round + "-" + i + ".jpg");
                    long one = System.nanoTime();
                    pinhole(photo, out);
                    pinholeNanos += System.nanoTime() - one;
                    Files.delete(out);
                }
                long start = System.nanoTime();
                for (int i = 0; i < size.perRound(); i++) {
                    checksum += inspectAndClean(loaded).length();
                }
                inMemoryNanos += System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < size.perRound(); i++) {
                    checksum += readOut(inspectAndClean(loaded), buffer);
                }
                readOutNanos += System.nanoTime() - start;
                for (int i = 0; i < size.perRound(); i++) {
                    Path out = work.resolve("exiftool-" + round + "-" + i + ".jpg");
                    long one = System.nanoTime();
                    exiftool.clean(photo, out);
                    exiftoolNanos += System.nanoTime() - one;
                    Files.delete(out);
                }
                count += size.perRound();
            }
            double pinholeRate = count / (pinholeNanos / 1e9);
            double exiftoolRate = count / (exiftoolNanos / 1e9);
            double inMemoryRate = count / (inMemoryNanos / 1e9);
            double readOutRate = count / (readOutNanos / 1e9);
            System.out.printf("| %s | %,d | %.1f | %s | %.1f | %.1fx | %.1f | %.1fx | %.1f | %.1fx | %s |%n",
                    size.label(), Files.size(photo), exiftoolRate, mib(exiftool.peakRssBytes()), pinholeRate,
                    pinholeRate / exiftoolRate, inMemoryRate, inMemoryRate / exiftoolRate, readOutRate,
                    readOutRate / exiftoolRate, mib(peakHeap() - baseline));
            if (checksum == Long.MIN_VALUE) {
                System.out.println("(keeps the JIT from dropping the work)");
            }
        }
    }

    /** What the publisher does with a JPEG, with the file read and the cleaned copy written as exiftool does. */
    private static void pinhole(Path photo, Path out) throws IOException {
        PhotoFiles.writeNew(out, inspectAndClean(PhotoFiles.read(photo)));
    }

    /**
     * What the publisher does between getting the upload from S3 and putting the public image: inspect and
     * clean, in the one call that walks the file once. The result is the upload's kept parts, not a copy.
     */
    static Cleaning inspectAndClean(byte[] image) {
        Cleaning cleaning = JPEG.inspectAndClean(image, InspectionLimits.DEFAULT, MetadataPolicy.PRIVACY_DEFAULT)
                .cleaning();
        if (!cleaning.changed() || !cleaning.spliced()) {
            throw new IllegalStateException("the fixture carried nothing to remove, or JPEG no longer splices");
        }
        return cleaning;
    }

    /**
     * Reads the cleaned image out once through a small buffer, as an HTTP client does on its way to the socket:
     * the least any consumer of the result spends. @return the sum of the last byte of each read, so that the
     *         reads cannot be dropped
     */
    static int readOut(Cleaning cleaning, byte[] buffer) throws IOException {
        int last = 0;
        try (InputStream in = cleaning.newStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                last += buffer[n - 1];
            }
        }
        return last;
    }

    /** Heap in use after a full collection, with every heap pool's peak reset to it. */
    private static long heapAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The sum of the heap pools' peaks since the last reset: garbage not yet collected included. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** One exiftool process reading commands from stdin ({@code -stay_open True -@ -}) until closed. */
    static final class StayOpenExiftool implements AutoCloseable {
        private final Process process;
        private final Writer commands;
        private final BufferedReader answers;

        StayOpenExiftool() throws IOException {
            process = new ProcessBuilder("exiftool", "-stay_open", "True", "-@", "-")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void clean(Path photo, Path out) throws IOException {
            commands.write(EXIFTOOL_CLEAN + "-o\n" + out + "\n" + photo + "\n-execute\n");
            commands.flush();
            String line;
            boolean written = false;
            while ((line = answers.readLine()) != null && !line.equals("{ready}")) {
                written |= line.contains("1 image files created");
            }
            if (!written) {
                throw new IllegalStateException("exiftool did not write " + out);
            }
        }

        /** VmHWM from /proc: the most resident memory the process has had. */
        long peakRssBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmHWM for exiftool " + process.pid());
        }

        @Override
        public void close() throws Exception {
            commands.write("-stay_open\nFalse\n");
            commands.flush();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
