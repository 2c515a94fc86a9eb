package dev.pinhole.images.format;

/** What inspecting an accepted image found: its size in pixels and how many frames it has (1 for a still). */
public record Inspection(int width, int height, int frames) {
    public Inspection {
        if (width <= 0 || height <= 0 || frames <= 0) {
            throw new IllegalArgumentException("an inspected image has pixels and at least one frame");
        }
    }

    public long pixels() {
        return (long) width * height;
    }
}
