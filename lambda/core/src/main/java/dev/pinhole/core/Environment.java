package dev.pinhole.core;

import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from environment variables. Every failure names the variable, so a misconfigured
 * stack says exactly what to fix ("PINHOLE_BUCKET is not set").
 */
public final class Environment {
    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + " is not set"));
    }

    /** A variable that is absent or blank counts as not set. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public long longInRange(String name, long defaultValue, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below together with the range
        }
        throw new ConfigurationException(
                name + " must be a whole number from " + min + " to " + max + ", not '" + raw.get() + "'");
    }

    public boolean flag(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigurationException(name + " must be true or false, not '" + raw.get() + "'");
        }
    }
}
