package dev.pinhole.bench;

import dev.pinhole.core.ImageKey;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import dev.pinhole.testkit.SampleImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Publisher time and peak heap per image size (100 KB, 2 MB, 20 MB PNGs of noise, which do not compress, and the
 * 20 MB one again carrying an author's name in a text chunk, so that the publisher has metadata to remove): for
 * each, the publisher runs alone in a child JVM with Lambda's flags against the local S3, (1) with ample heap,
 * timing one cold and ten warm publishes, and (2) with -Xmx lowered step by step (binary search, 4 MiB
 * resolution) to the least heap with which it still publishes the image: the figure that decides the function's
 * memory. Prints a markdown table.
 *
 * <p>Usage: {@code PublisherCost DATA_DIRECTORY}.
 */
public final class PublisherCost {
    static final int[] SIZES = {100 * 1024, 2 * 1024 * 1024, 20 * 1024 * 1024};
    static final String CREDENTIALS = "credentials.properties";

    private PublisherCost() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        // The stack's own publisher must not take the uploads: they are put behind S3Proxy, without events.
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.DEFAULT)) {
            BlobStore raw = ((ForwardingBlobStore) stack.store()).delegate();
            String[] credentials = credentials(data);
            System.out.println("| image | warm publish, median ms | cold publish ms | least -Xmx that publishes it |"
                    + " heap / image |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            List<Image> images = new ArrayList<>();
            for (int size : SIZES) {
                // Just under the size: noise PNGs come out a little larger than asked, and 20 MiB is the default limit.
                images.add(new Image(label(size), SampleImages.noisyPng(size - size / 32, size)));
            }
            byte[] largest = images.get(images.size() - 1).bytes();
            images.add(new Image(label(SIZES[SIZES.length - 1]) + " with an author to remove", withAuthor(largest)));
            for (Image each : images) {
                byte[] image = each.bytes();
                List<String> timed = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    timed.add(put(raw, stack.bucket(), image));
                }
                List<Double> millis = run(stack, credentials, 512, timed).millis();
                List<Double> warm = new ArrayList<>(millis.subList(1, millis.size()));
                warm.sort(Double::compare);
                int least = leastHeap(stack, raw, credentials, image);
                System.out.printf("| %s (%d bytes) | %.1f | %.1f | %d MiB | %.1fx |%n", each.label(), image.length,
                        warm.get(warm.size() / 2), millis.get(0), least, least * 1024.0 * 1024 / image.length);
            }
        }
    }

    record Image(String label, byte[] bytes) {
    }

    /** The PNG with a tEXt chunk "Author: Jane Doe" right after its header, which the privacy default removes. */
    static byte[] withAuthor(byte[] png) {
        byte[] text = "Author\0Jane Doe".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + text.length);
        chunk.putInt(text.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(text);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + text.length);
        chunk.putInt((int) crc.getValue());
        int afterHeader = 8 + 25; // the signature, then IHDR: length, type, 13 bytes, CRC
        ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
        out.put(png, 0, afterHeader).put(chunk.array()).put(png, afterHeader, png.length - afterHeader);
        return out.array();
    }

    private static int leastHeap(LocalStack stack, BlobStore raw, String[] credentials, byte[] image)
            throws Exception {
        int low = 4;
        int high = 512;
        while (high - low > 4) {
            int mid = (low + high) / 2;
            if (run(stack, credentials, mid, List.of(put(raw, stack.bucket(), image))).published()) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    record Run(boolean published, List<Double> millis) {
    }

    private static Run run(LocalStack stack, String[] credentials, int heapMiB, List<String> keys) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMiB + "m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), PublisherProbe.class.getName(),
                credentials[0], credentials[1]));
        command.addAll(keys);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PINHOLE_BUCKET", stack.bucket());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("PINHOLE_S3_ENDPOINT", stack.s3Endpoint().toString());
        builder.environment().put("PINHOLE_S3_PATH_STYLE", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        List<Double> millis = output.lines().filter(line -> line.startsWith("ms\t"))
                .map(line -> Double.parseDouble(line.split("\t")[1])).toList();
        return new Run(exit == 0 && millis.size() == keys.size(), millis);
    }

    private static String put(BlobStore raw, String bucket, byte[] image) {
        String key = ImageKey.mint("png").uploadKey();
        raw.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentType("image/png")
                .contentLength((long) image.length).build(), new ByteArrayInputStream(image));
        return key;
    }

    private static String[] credentials(Path data) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(data.resolve(CREDENTIALS))) {
            properties.load(in);
        }
        return new String[] {properties.getProperty("identity"), properties.getProperty("secret")};
    }

    private static String label(int size) {
        return size >= 1024 * 1024 ? size / (1024 * 1024) + " MiB" : size / 1024 + " KiB";
    }
}
