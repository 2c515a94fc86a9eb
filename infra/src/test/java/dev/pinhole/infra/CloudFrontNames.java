package dev.pinhole.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CloudFront names (origin access controls, functions, response headers and other policies) are global to the
 * account, not to a region, so the same stack name deployed in a second region would clash. Every name of
 * every AWS::CloudFront::* resource must hold the stack name and the region, and fit CloudFront's 64
 * characters with the longest of both.
 */
final class CloudFrontNames {
    /** deploy.sh refuses longer stack names (DeployScriptTest shows it). */
    static final int LONGEST_STACK_NAME = 20;
    /** The longest region code there is (AWS ISO-F), so a name that fits here fits everywhere. */
    static final String LONGEST_REGION = "us-isof-south-1";
    /**
     * CloudFront caps origin access control and function names at 64 characters and documents no cap for the
     * policies; the one limit is applied to all.
     */
    static final int LIMIT = 64;

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private final Template template;

    CloudFrontNames(Template template) {
        this.template = template;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : template.resources().entrySet()) {
            Map<String, Object> resource = Template.asMap(entry.getValue());
            if (!String.valueOf(resource.get("Type")).startsWith("AWS::CloudFront::")) {
                continue;
            }
            for (Object name : names(Template.asMap(resource.get("Properties")))) {
                String text = DeployBehaviourChecks.subText(name);
                if (text == null || !text.contains("${AWS::StackName}") || !text.contains("${AWS::Region}")) {
                    problems.add(entry.getKey() + "'s name " + name + " does not hold both the stack name and the"
                            + " region; the same stack in a second region would clash with it");
                    continue;
                }
                String longest = text.replace("${AWS::StackName}", "s".repeat(LONGEST_STACK_NAME))
                        .replace("${AWS::Region}", LONGEST_REGION);
                if (SUB_VARIABLE.matcher(longest).find()) {
                    problems.add(entry.getKey() + "'s name " + text + " has parts of unknown length");
                } else if (longest.length() > LIMIT) {
                    problems.add(entry.getKey() + "'s name can be " + longest.length() + " characters, over "
                            + "CloudFront's " + LIMIT);
                }
            }
        }
        return problems;
    }

    /** The names of a CloudFront resource: a top-level Name, or the Name of its ...Config. */
    private static List<Object> names(Map<String, Object> properties) {
        List<Object> names = new ArrayList<>();
        if (properties == null) {
            return names;
        }
        if (properties.containsKey("Name")) {
            names.add(properties.get("Name"));
        }
        properties.values().stream().filter(Map.class::isInstance).map(Template::asMap)
                .filter(config -> config.containsKey("Name")).forEach(config -> names.add(config.get("Name")));
        return names;
    }
}
