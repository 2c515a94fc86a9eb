package dev.pinhole.bench.cost;

import java.util.List;

/** The figures of every design for one image size, in the order the tables show them. */
public record SizeResult(int imageBytes, List<Figures> designs) {
}
