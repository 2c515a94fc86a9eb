package dev.pinhole.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps a folder tree private to the user running the stack: new folders are rwx------, and the group and
 * others lose every permission on what already exists. The store's file names are the unlisted image keys, so
 * a folder other users can list gives every key away.
 * On a file system without POSIX permissions (Windows) there is nothing to set, and nothing is done.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    static boolean supported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder and any missing parents as rwx------ (the umask can only take bits away). */
    static void createFolders(Path folder) throws IOException {
        if (supported()) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FOLDER);
            Files.createDirectories(folder, ownerOnly);
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Whether the group or others have any permission on this folder or file. */
    static boolean isOpen(Path path) throws IOException {
        if (!supported()) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
    }

    /**
     * Takes every permission of the group and of others away, in the whole tree under {@code root} (itself
     * included). Symbolic links are neither followed nor changed: a link could point anywhere on the machine.
     */
    static void tighten(Path root) throws IOException {
        if (!supported()) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
                closeToOthers(folder);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    closeToOthers(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void closeToOthers(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.removeAll(GROUP_OR_OTHERS)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
