package dev.pinhole.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed CloudFormation template (long form, see {@link CloudFormationYaml}) with the few lookups the
 * checks need. {@link #copy()} gives an independent tree for a mutation test to break.
 */
final class Template {
    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    static Template load(Path file) {
        return new Template(CloudFormationYaml.load(file));
    }

    Template copy() {
        return new Template(asMap(deepCopy(root)));
    }

    void write(Path file) {
        CloudFormationYaml.write(root, file);
    }

    Map<String, Object> resources() {
        return asMap(root.get("Resources"));
    }

    Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = asMap(resources().get(logicalId));
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return asMap(resource.get("Properties"));
    }

    /** Logical IDs of the resources of one type, in template order. */
    List<String> ofType(String type) {
        return resources().entrySet().stream()
                .filter(entry -> type.equals(asMap(entry.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    /** The only resource of a type; the checks assume one function, one API and so on. */
    String single(String type) {
        List<String> ids = ofType(type);
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one " + type + ", found " + ids);
        }
        return ids.get(0);
    }

    /** Follows keys (String) and list indexes (Integer) from the root; null when the path is absent. */
    Object at(Object... path) {
        Object node = root;
        for (Object step : path) {
            if (step instanceof Integer index && node instanceof List<?> list) {
                node = index < list.size() ? list.get(index) : null;
            } else if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else {
                return null;
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object node) {
        return (List<Object>) node;
    }

    /** An independent copy of a part of a template, e.g. a resource to add under another name. */
    static Object copyOf(Object node) {
        return deepCopy(node);
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, deepCopy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return node;
    }
}
