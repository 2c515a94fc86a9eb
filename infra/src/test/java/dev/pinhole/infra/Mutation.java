package dev.pinhole.infra;

import java.util.function.Consumer;

/**
 * A deliberate defect: a name for the report, the rule or check expected to catch it, and the change.
 * Mutations work on a copy of the parsed template, never on template.yaml itself.
 */
record Mutation(String name, String caughtBy, Consumer<Template> change) {
    Template applyTo(Template original) {
        Template broken = original.copy();
        change.accept(broken);
        return broken;
    }

    @Override
    public String toString() {
        return caughtBy + ": " + name;
    }
}
