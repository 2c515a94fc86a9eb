package dev.pinhole.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template parameters a resource's properties use: through {@code Ref}, through {@code ${Name}} in a
 * {@code Fn::Sub}, and through the conditions of an {@code Fn::If}. References to other resources are not
 * followed: what a resource's name or ARN is depends on how it is named, not on everything it is configured
 * with (this template names resources from pseudo parameters only).
 */
final class ParameterUse {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Template template;
    private final Set<String> parameters;

    private ParameterUse(Template template) {
        this.template = template;
        Object declared = template.at("Parameters");
        this.parameters = declared == null ? Set.of() : Template.asMap(declared).keySet();
    }

    /** The parameters that resource {@code logicalId}'s properties use, sorted. */
    static Set<String> of(Template template, String logicalId) {
        return of(template, logicalId, Set.of());
    }

    /** The parameters that resource {@code logicalId}'s properties but those named in {@code leftOut} use, sorted. */
    static Set<String> of(Template template, String logicalId, Set<String> leftOut) {
        ParameterUse use = new ParameterUse(template);
        Set<String> found = new TreeSet<>();
        Map<String, Object> properties = new java.util.LinkedHashMap<>(template.properties(logicalId));
        properties.keySet().removeAll(leftOut);
        use.walk(properties, Set.of(), found);
        return found;
    }

    private void walk(Object node, Set<String> localNames, Set<String> found) {
        if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, localNames, found));
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1 && map.containsKey("Ref")) {
            addIfParameter(String.valueOf(map.get("Ref")), localNames, found);
        } else if (map.size() == 1 && map.containsKey("Fn::Sub")) {
            sub(map.get("Fn::Sub"), localNames, found);
        } else if (map.size() == 1 && map.containsKey("Fn::If")) {
            List<Object> branches = Template.asList(map.get("Fn::If"));
            condition(String.valueOf(branches.get(0)), found);
            walk(branches.subList(1, branches.size()), localNames, found);
        } else if (map.size() == 1 && map.containsKey("Condition")) {
            condition(String.valueOf(map.get("Condition")), found);
        } else {
            map.values().forEach(value -> walk(value, localNames, found));
        }
    }

    /** {@code Fn::Sub} as a string, or as [string, {local variables}]; local names shadow parameters. */
    private void sub(Object value, Set<String> localNames, Set<String> found) {
        String text;
        Set<String> local = new TreeSet<>(localNames);
        if (value instanceof List<?> form) {
            text = String.valueOf(form.get(0));
            Map<String, Object> variables = Template.asMap(form.get(1));
            local.addAll(variables.keySet());
            walk(variables.values().stream().toList(), localNames, found);
        } else {
            text = String.valueOf(value);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            int dot = name.indexOf('.');
            addIfParameter(dot < 0 ? name : name.substring(0, dot), local, found);
        }
    }

    private void condition(String name, Set<String> found) {
        Object definition = template.at("Conditions", name);
        if (definition != null) {
            walk(definition, Set.of(), found);
        }
    }

    private void addIfParameter(String name, Set<String> localNames, Set<String> found) {
        if (parameters.contains(name) && !localNames.contains(name)) {
            found.add(name);
        }
    }
}
