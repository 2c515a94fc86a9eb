package dev.pinhole.images.format;

/**
 * Counts the parts (chunks, boxes, table entries) a format walks in one file and refuses the file as
 * too_complex once it has more than {@link InspectionLimits#maxParts()}: a flood of tiny parts then costs
 * a bounded walk, whatever the file size.
 */
public final class PartBudget {
    private final int max;
    private int used;

    public PartBudget(InspectionLimits limits) {
        this.max = limits.maxParts();
    }

    /** Counts one more part of the kind named by {@code what} ("chunk", "box", "iloc entry"). */
    public void count(String what) {
        if (++used > max) {
            throw new Refusal(RefusalReason.TOO_COMPLEX, "more than " + max + " parts (the last one a " + what + ")");
        }
    }
}
