package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Declared sizes are checked before anything else, without overflowing on sizes no image has. */
class DimensionsTest {
    private static final InspectionLimits LIMITS = new InspectionLimits(100, 1, 1);

    @Test
    void checked_acceptsSizesUpToTheLimit() {
        assertEquals(new Dimensions(10, 10), Dimensions.checked(10, 10, LIMITS, "header"));
        assertEquals(new Dimensions(100, 1), Dimensions.checked(100, 1, LIMITS, "header"));
    }

    @Test
    void checked_refusesZeroAsNoPixelsAndMoreAsTooManyPixels() {
        assertEquals(RefusalReason.NO_PIXELS, assertThrows(Refusal.class,
                () -> Dimensions.checked(0, 10, LIMITS, "header")).reason());
        assertEquals(RefusalReason.TOO_MANY_PIXELS, assertThrows(Refusal.class,
                () -> Dimensions.checked(11, 10, LIMITS, "header")).reason());
    }

    @Test
    void checked_refusesSidesWhoseProductWouldOverflow() {
        // Given two 32-bit sides whose product does not fit in a long, under a limit as large as a long
        InspectionLimits unlimited = new InspectionLimits(Long.MAX_VALUE, 1, 1);

        Refusal refusal = assertThrows(Refusal.class,
                () -> Dimensions.checked(0xFFFF_FFFFL, 0xFFFF_FFFFL, unlimited, "ispe"));

        assertEquals(RefusalReason.TOO_MANY_PIXELS, refusal.reason());
    }

    @Test
    void partBudget_refusesThePartAfterTheLimit() {
        PartBudget budget = new PartBudget(new InspectionLimits(1, 1, 3));
        budget.count("box");
        budget.count("box");
        budget.count("box");

        assertEquals(RefusalReason.TOO_COMPLEX, assertThrows(Refusal.class, () -> budget.count("box")).reason());
    }
}
