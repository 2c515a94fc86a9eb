package dev.pinhole.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are; Maven passes the root, an IDE run falls back to the parent folder. */
final class Repo {
    static final Path ROOT = root();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path ARTIFACT_TEMPLATE = ROOT.resolve("scripts/artifact-bucket.yaml");
    static final Path WEB_ACL_TEMPLATE = ROOT.resolve("scripts/web-acl.yaml");
    static final Path VALIDATOR = ROOT.resolve("infra/validator");

    private Repo() {
    }

    private static Path root() {
        String configured = System.getProperty("pinhole.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml in " + root + "; run the tests from the infra module");
        }
        return root;
    }
}
