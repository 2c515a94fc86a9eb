package dev.pinhole.bench;

import dev.pinhole.core.ImageTypes;
import dev.pinhole.images.format.Formats;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Prints which allowed types have their real format and which a stand-in, for the benchmark report's header. */
public final class FormatsInUse {
    private FormatsInUse() {
    }

    public static void main(String[] args) {
        TreeSet<String> types = new TreeSet<>(ImageTypes.DEFAULT_ALLOWED);
        String real = types.stream().filter(t -> Formats.forExtension(t).isPresent()).collect(Collectors.joining(", "));
        String standIn = types.stream().filter(t -> Formats.forExtension(t).isEmpty())
                .collect(Collectors.joining(", "));
        System.out.println("real format for " + (real.isEmpty() ? "none" : real) + "; stand-in signature check for "
                + (standIn.isEmpty() ? "none" : standIn));
    }
}
