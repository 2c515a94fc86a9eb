package dev.pinhole.core.log;

/** The units Pinhole's metrics use, spelled as CloudWatch's embedded metric format requires. */
public enum MetricUnit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds"),
    BYTES("Bytes");

    private final String emfName;

    MetricUnit(String emfName) {
        this.emfName = emfName;
    }

    /** The value of a MetricDefinition's Unit member. */
    public String emfName() {
        return emfName;
    }
}
