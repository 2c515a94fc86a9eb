package dev.pinhole.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void everyCode_isLowerSnakeCaseSpellingOfItsName_withAnErrorStatus(ErrorCode error) {
        // Given an entry of the catalogue
        // Then clients can rely on its code's form, and its status is a client or server error
        assertEquals(error.name().toLowerCase(Locale.ROOT), error.code());
        assertTrue(error.code().matches("[a-z][a-z0-9_]{2,39}"), error.code());
        assertTrue(error.status() >= 400 && error.status() < 600, error + " " + error.status());
    }

    @Test
    void onlyInternalError_isAServerError() {
        // Nothing a caller sends may produce a 5xx: the catalogue has exactly one, for faults of ours
        Set<ErrorCode> serverErrors = Arrays.stream(ErrorCode.values()).filter(e -> e.status() >= 500)
                .collect(Collectors.toSet());
        assertEquals(Set.of(ErrorCode.INTERNAL_ERROR), serverErrors);
    }
}
