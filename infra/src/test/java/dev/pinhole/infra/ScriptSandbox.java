package dev.pinhole.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away copy of the repository's deploy files with stub {@code aws} and {@code mvn} first on PATH.
 * The scripts run for real; the stubs record every call in a log, which is what the tests read. Working on
 * a copy keeps the stub build from touching the real lambda/tickets/target.
 */
final class ScriptSandbox {
    final Path root;
    private final Path bin;
    private final Path log;
    /** What the stub aws remembers between runs, as an account would (see stubs/aws). */
    private final Path state;
    private final Map<String, String> environment = new HashMap<>();

    record Result(int exit, String stdout, String stderr, List<String> calls) {
        /** The recorded calls that start with the given words, e.g. "aws cloudformation deploy". */
        List<String> callsStartingWith(String prefix) {
            return calls.stream().filter(call -> call.startsWith(prefix)).toList();
        }
    }

    ScriptSandbox(Path dir) throws IOException {
        root = dir.resolve("repo");
        bin = dir.resolve("bin");
        log = dir.resolve("calls.log");
        state = dir.resolve("state");
        for (String file : List.of("scripts/deploy.sh", "scripts/destroy.sh", "scripts/artifact-bucket.yaml",
                "scripts/web-acl.yaml", "template.yaml")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.copy(Repo.ROOT.resolve(file), root.resolve(file));
        }
        Files.createDirectories(root.resolve("web/js"));
        Files.writeString(root.resolve("web/index.html"), "<!doctype html><title>Pinhole</title>");
        Files.writeString(root.resolve("web/js/app.js"), "// page script");
        Files.createDirectories(bin);
        installStub("aws");
        installStub("mvn");
        Files.createFile(log);
        // Whatever the developer running the tests has configured must not leak into the scripts.
        environment.putAll(System.getenv());
        List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE").forEach(environment::remove);
        environment.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        environment.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        environment.put("STUB_LOG", log.toString());
        environment.put("STUB_STATE", state.toString());
        environment.put("STUB_NO_ECHO", String.join(" ", noEchoParameters(Template.load(Repo.TEMPLATE))));
    }

    /** The template's NoEcho parameters, whose values describe-stacks never shows. */
    static List<String> noEchoParameters(Template template) {
        return Template.asMap(template.at("Parameters")).entrySet().stream()
                .filter(entry -> Boolean.TRUE.equals(Template.asMap(entry.getValue()).get("NoEcho")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The parameter overrides of each `aws cloudformation deploy` of the stack so far, oldest first, in the
     * order deploy.sh passed them.
     */
    List<Map<String, String>> deploys(String stack) throws IOException {
        Path deploys = state.resolve("deploys");
        if (!Files.isDirectory(deploys)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(deploys)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith("-" + stack))
                    .sorted(Comparator.comparingInt(file -> Integer.parseInt(file.getFileName().toString().split("-")[0])))
                    .toList();
        }
        List<Map<String, String>> result = new ArrayList<>();
        for (Path file : files) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                overrides.put(line.substring(0, equals), line.substring(equals + 1));
            }
            result.add(overrides);
        }
        return result;
    }

    /** Lets the stub's account hold a stack with these parameters, as a deploy by an older deploy.sh left it. */
    ScriptSandbox withStack(String stack, Map<String, String> parameters) throws IOException {
        Files.createDirectories(state);
        StringBuilder lines = new StringBuilder();
        parameters.forEach((name, value) -> lines.append(name).append('\t').append(value).append('\n'));
        Files.writeString(state.resolve(stack + ".parameters"), lines, StandardCharsets.UTF_8);
        return this;
    }

    /** Every parameter the stack has after the deploys so far: passed ones, and previous values of the rest. */
    Map<String, String> stackParameters(String stack) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        Path file = state.resolve(stack + ".parameters");
        for (String line : Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.<String>of()) {
            String[] fields = line.split("\t", 2);
            parameters.put(fields[0], fields[1]);
        }
        return parameters;
    }

    private void installStub(String name) throws IOException {
        try (InputStream stub = ScriptSandbox.class.getResourceAsStream("/stubs/" + name)) {
            Files.copy(stub, bin.resolve(name));
        }
        bin.resolve(name).toFile().setExecutable(true);
    }

    ScriptSandbox with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * PATH holds only the stub mvn and the few system tools the scripts use before looking for aws, so
     * that "aws is missing" is true even on a machine that has the real CLI installed.
     */
    ScriptSandbox withoutAws() throws IOException {
        Files.delete(bin.resolve("aws"));
        Path tools = bin.resolveSibling("tools");
        Files.createDirectories(tools);
        for (String tool : List.of("basename", "dirname", "awk")) {
            Files.createSymbolicLink(tools.resolve(tool), onPath(tool).orElseThrow());
        }
        environment.put("PATH", bin + File.pathSeparator + tools);
        return this;
    }

    /** Runs a script; the result's calls are those of this run only. */
    Result run(String script, String... args) throws IOException, InterruptedException {
        Files.writeString(log, "");
        List<String> command = new ArrayList<>(List.of(onPath("bash").orElseThrow().toString(),
                root.resolve("scripts").resolve(script).toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.resolveSibling("stdout").toFile())
                .redirectError(log.resolveSibling("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), read(log.resolveSibling("stdout")), read(log.resolveSibling("stderr")),
                Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Looks a tool up on the test JVM's own PATH. */
    static Optional<Path> onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
