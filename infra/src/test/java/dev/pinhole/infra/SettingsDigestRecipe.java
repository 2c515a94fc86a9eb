package dev.pinhole.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What deploy.sh must pass as SettingsDigest, written out a second time from the template (read by a YAML
 * parser, not by deploy.sh's awk) and the parameters of a recorded deploy; and the version Descriptions that
 * CloudFormation would compare, resolved from a stack's parameters.
 */
final class SettingsDigestRecipe {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Path templateFile;
    private final Template template;

    SettingsDigestRecipe(Path templateFile) {
        this.templateFile = templateFile;
        this.template = Template.load(templateFile);
    }

    /** The function settings the template lists, sorted as deploy.sh digests them. */
    List<String> functionSettings() {
        List<String> names = new ArrayList<>();
        Template.asList(template.at("Metadata", DeployBehaviourChecks.FUNCTION_SETTINGS))
                .forEach(name -> names.add(String.valueOf(name)));
        return List.copyOf(new TreeSet<>(names));
    }

    boolean isNoEcho(String parameter) {
        return Boolean.TRUE.equals(template.at("Parameters", parameter, "NoEcho"));
    }

    /** The template's default of a parameter as text, as CloudFormation would use it; null when it has none. */
    String defaultOf(String parameter) {
        Object value = template.at("Parameters", parameter, "Default");
        return value == null ? null : String.valueOf(value);
    }

    /**
     * SettingsDigest for the parameters a deploy passed: the template's SHA-256, then each function setting in
     * name order, a non-secret one by its value (which the deploy must have passed), a secret one by the digest
     * that the deploy's NoEchoDigests records for it.
     */
    String expected(Map<String, String> passed) throws IOException {
        Map<String, String> recorded = noEchoDigests(passed.get(DeployBehaviourChecks.NO_ECHO_DIGESTS));
        List<String> lines = new ArrayList<>(List.of("template.yaml " + sha256(Files.readAllBytes(templateFile))));
        for (String name : functionSettings()) {
            String value = isNoEcho(name) ? recorded.get(name) : passed.get(name);
            if (value == null) {
                throw new AssertionError("the deploy did not pass " + name + (isNoEcho(name) ? "'s digest" : ""));
            }
            lines.add(isNoEcho(name) ? name + " sha256:" + value : name + "=" + value);
        }
        return sha256((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** How a secret is digested: salted with the stack and the setting's name. */
    static String secretDigest(String stack, String name, String value) {
        return sha256((stack + "\n" + name + "\n" + value).getBytes(StandardCharsets.UTF_8));
    }

    /** NoEchoDigests ("Name:digest,Name:digest") as a map. */
    static Map<String, String> noEchoDigests(String recorded) {
        Map<String, String> digests = new TreeMap<>();
        if (recorded != null && !recorded.isEmpty()) {
            for (String pair : recorded.split(",")) {
                String[] parts = pair.split(":", 2);
                digests.put(parts[0], parts[1]);
            }
        }
        return digests;
    }

    /**
     * Each version's Description as CloudFormation resolves it from the stack's parameters. CloudFormation
     * replaces a version, and so publishes a new one, exactly when this (or CodeSha256) changes.
     */
    Map<String, String> versionDescriptions(Map<String, String> stackParameters) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String version : template.ofType("AWS::Lambda::Version")) {
            String text = DeployBehaviourChecks.subText(template.properties(version).get("Description"));
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                String value = stackParameters.get(matcher.group(1));
                if (value == null) {
                    throw new AssertionError(version + "'s Description uses " + matcher.group(1) + ", which the stack lacks");
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(resolved);
            descriptions.put(version, resolved.toString());
        }
        return descriptions;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
