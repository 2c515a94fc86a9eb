package dev.pinhole.infra;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs infra/validator/validate.js: AWS's offline validator, pinned by package-lock.json, strict, with the
 * project's CEL rules. Installs it with {@code npm ci} when node_modules is missing or holds another version.
 * Starting the engine costs seconds (its WebAssembly and rule set load once), so one run takes many templates.
 */
final class OfflineValidator {
    private static final Path PACKAGE = Repo.VALIDATOR.resolve("node_modules/@aws/cloudformation-validate/package.json");

    record Finding(String ruleId, String severity, String resource, String message) {
    }

    /**
     * The one finding accepted, on the two resources it is wrong about: W9002 asks for the publisher's and the
     * invalidator's invoke permissions' SourceArn to be a Ref or GetAtt of the bucket, but the bucket depends on those
     * permissions (S3 checks it may invoke the function when the notification is created), so the ARN must be built
     * from the bucket's fixed name: the way AWS documents breaking that cycle. PH009 checks the ARN is there.
     */
    static final Map<String, String> ACCEPTED = Map.of("PublisherInvokePermission", "W9002",
            "InvalidatorInvokePermission", "W9002");

    record Report(String status, List<Finding> findings, String error) {
        boolean clean() {
            return "OK".equals(status) && error == null && findings.stream()
                    .allMatch(f -> f.ruleId().equals(ACCEPTED.get(f.resource())));
        }

        boolean hasRule(String ruleId) {
            return findings.stream().anyMatch(finding -> finding.ruleId().equals(ruleId));
        }
    }

    private OfflineValidator() {
    }

    /** The version package.json pins; exact, so the lockfile and this agree. */
    static String pinnedVersion() {
        JsonObject manifest = JsonParser.parseString(read(Repo.VALIDATOR.resolve("package.json"))).getAsJsonObject();
        return manifest.getAsJsonObject("dependencies").get("@aws/cloudformation-validate").getAsString();
    }

    static synchronized void install() {
        if (Files.isRegularFile(PACKAGE) && installedVersion().equals(pinnedVersion())) {
            return;
        }
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (npm.exit != 0) {
            throw new IllegalStateException("npm ci failed in " + Repo.VALIDATOR + ":\n" + npm.output);
        }
    }

    static String installedVersion() {
        return JsonParser.parseString(read(PACKAGE)).getAsJsonObject().get("version").getAsString();
    }

    /** Validates every template in one engine run; the map keeps the argument order. */
    static Map<Path, Report> validate(List<Path> templates) {
        install();
        List<String> command = new ArrayList<>(List.of("node", "validate.js", "rules"));
        templates.forEach(template -> command.add(template.toAbsolutePath().toString()));
        Result result = run(command, 300);
        Map<Path, Report> reports = new LinkedHashMap<>();
        Gson gson = new Gson();
        for (String line : result.output.split("\n")) {
            if (line.startsWith("{")) {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                reports.put(Path.of(json.get("template").getAsString()), gson.fromJson(json, Report.class));
            }
        }
        if (reports.size() != templates.size()) {
            throw new IllegalStateException("validator answered for " + reports.size() + " of " + templates.size()
                    + " templates (exit " + result.exit + "):\n" + result.output);
        }
        return reports;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("pinhole-validator", ".log");
            Process process = new ProcessBuilder(command).directory(Repo.VALIDATOR.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " took over " + timeoutSeconds + " s");
            }
            String output = read(log);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
