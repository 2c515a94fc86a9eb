package dev.pinhole.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources' dependency graph as CloudFormation builds it (every Ref, GetAtt and ${...} in a Sub, and
 * DependsOn) and the cycles in it: a template with one cannot be deployed at all. The template's header comment
 * says how its three classic cycles are broken; this proves none came back.
 */
final class DependencyCycles {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Template template;
    private final Map<String, Set<String>> edges = new LinkedHashMap<>();

    DependencyCycles(Template template) {
        this.template = template;
        template.resources().forEach((id, resource) -> {
            Set<String> targets = new LinkedHashSet<>();
            Map<String, Object> fields = Template.asMap(resource);
            Object dependsOn = fields.get("DependsOn");
            if (dependsOn instanceof List<?> list) {
                list.forEach(target -> targets.add(String.valueOf(target)));
            } else if (dependsOn != null) {
                targets.add(String.valueOf(dependsOn));
            }
            walk(fields.get("Properties"), Set.of(), targets);
            edges.put(id, targets);
        });
    }

    /** What a resource depends on directly. */
    Set<String> dependenciesOf(String logicalId) {
        return edges.getOrDefault(logicalId, Set.of());
    }

    /** Each cycle found, as "A -> B -> C -> A"; empty when the graph has none. */
    List<String> cycles() {
        List<String> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // absent: not seen, 1: on the path, 2: done
        for (String start : edges.keySet()) {
            if (!state.containsKey(start)) {
                visit(start, new ArrayList<>(), state, cycles);
            }
        }
        return cycles;
    }

    private void visit(String node, List<String> path, Map<String, Integer> state, List<String> cycles) {
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            Integer seen = state.get(next);
            if (seen == null) {
                visit(next, path, state, cycles);
            } else if (seen == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                cycles.add(String.join(" -> ", cycle));
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    private void walk(Object node, Set<String> localNames, Set<String> targets) {
        if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, localNames, targets));
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1 && map.containsKey("Ref")) {
            addIfResource(String.valueOf(map.get("Ref")), localNames, targets);
        } else if (map.size() == 1 && map.containsKey("Fn::GetAtt") && map.get("Fn::GetAtt") instanceof List<?> getAtt) {
            addIfResource(String.valueOf(getAtt.get(0)), Set.of(), targets);
        } else if (map.size() == 1 && map.containsKey("Fn::Sub")) {
            Object value = map.get("Fn::Sub");
            Set<String> local = new LinkedHashSet<>(localNames);
            String text;
            if (value instanceof List<?> form) {
                text = String.valueOf(form.get(0));
                Map<String, Object> variables = Template.asMap(form.get(1));
                local.addAll(variables.keySet());
                walk(List.copyOf(variables.values()), localNames, targets);
            } else {
                text = String.valueOf(value);
            }
            Matcher matcher = SUB_VARIABLE.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1).trim();
                int dot = name.indexOf('.');
                addIfResource(dot < 0 ? name : name.substring(0, dot), local, targets);
            }
        } else {
            map.values().forEach(value -> walk(value, localNames, targets));
        }
    }

    private void addIfResource(String name, Set<String> localNames, Set<String> targets) {
        if (template.resources().containsKey(name) && !localNames.contains(name)) {
            targets.add(name);
        }
    }
}
