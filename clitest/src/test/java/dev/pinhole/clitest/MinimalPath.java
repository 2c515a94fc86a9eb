package dev.pinhole.clitest;

import dev.pinhole.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PATH directory holding only chosen tools (as symlinks): the script promises to need nothing but
 * bash, curl, jq and coreutils, and a run with such a PATH proves it (no sed, grep, awk, xxd, openssl).
 */
final class MinimalPath implements AutoCloseable {
    /** The programs of GNU coreutils 9.x. */
    static final List<String> COREUTILS = List.of("[", "arch", "b2sum", "base32", "base64", "basename", "basenc",
            "cat", "chcon", "chgrp", "chmod", "chown", "chroot", "cksum", "comm", "cp", "csplit", "cut", "date",
            "dd", "df", "dir", "dircolors", "dirname", "du", "echo", "env", "expand", "expr", "factor", "false",
            "fmt", "fold", "groups", "head", "hostid", "id", "install", "join", "link", "ln", "logname", "ls",
            "md5sum", "mkdir", "mkfifo", "mknod", "mktemp", "mv", "nice", "nl", "nohup", "nproc", "numfmt", "od",
            "paste", "pathchk", "pinky", "pr", "printenv", "printf", "ptx", "pwd", "readlink", "realpath", "rm",
            "rmdir", "runcon", "seq", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "shred",
            "shuf", "sleep", "sort", "split", "stat", "stdbuf", "stty", "sum", "sync", "tac", "tail", "tee", "test",
            "timeout", "touch", "tr", "true", "truncate", "tsort", "tty", "uname", "unexpand", "uniq", "unlink",
            "users", "vdir", "wc", "who", "whoami", "yes");

    private final Path dir;

    private MinimalPath(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir} with bash, coreutils and the given extra tools. */
    static MinimalPath with(Path dir, Set<String> extraTools) {
        try {
            Files.createDirectories(dir);
            link(dir, "bash");
            for (String tool : COREUTILS) {
                link(dir, tool);
            }
            for (String tool : extraTools) {
                link(dir, tool);
            }
            return new MinimalPath(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for PATH. */
    String path() {
        return dir.toString();
    }

    boolean has(String tool) {
        return Files.exists(dir.resolve(tool), LinkOption.NOFOLLOW_LINKS);
    }

    /** Removes the links (only the links) here, so JUnit's temp-dir cleanup has none to warn about. */
    @Override
    public void close() {
        try (Stream<Path> links = Files.list(dir)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path dir, String tool) throws IOException {
        var found = RequiredTools.onPath(tool);
        if (found.isPresent() && !Files.exists(dir.resolve(tool))) {
            Files.createSymbolicLink(dir.resolve(tool), found.get().toAbsolutePath());
        }
    }
}
