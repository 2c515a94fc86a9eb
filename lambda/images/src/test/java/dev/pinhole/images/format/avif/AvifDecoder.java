package dev.pinhole.images.format.avif;

import dev.pinhole.testkit.RequiredTools;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** libavif's avifdec (Debian package libavif-bin): decodes one frame of an AVIF to PNG, read back as ARGB pixels. */
final class AvifDecoder {
    private final Path executable;

    private AvifDecoder(Path executable) {
        this.executable = executable;
    }

    static AvifDecoder require() {
        return new AvifDecoder(RequiredTools.require("avifdec (Debian package libavif-bin)", RequiredTools.onPath("avifdec")));
    }

    int[] pixels(byte[] avif, int frame, Path dir) throws IOException {
        Path in = Files.createTempFile(dir, "decode", ".avif");
        Path out = dir.resolve(in.getFileName() + ".png");
        Files.write(in, avif);
        List<String> command = List.of(executable.toString(), "--index", Integer.toString(frame), in.toString(),
                out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("avifdec failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        BufferedImage image = ImageIO.read(out.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
