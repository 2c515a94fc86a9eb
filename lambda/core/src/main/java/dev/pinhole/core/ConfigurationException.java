package dev.pinhole.core;

/** A setting is missing or invalid. Thrown at start-up only, so a bad deploy fails before any request. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
