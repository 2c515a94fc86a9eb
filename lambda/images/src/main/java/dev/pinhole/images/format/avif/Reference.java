package dev.pinhole.images.format.avif;

import java.util.List;

/**
 * One box of an 'iref': items referenced from {@code from} with one reference type ('cdsc', 'auxl',
 * 'dimg', 'thmb'...). {@code firstTarget} is where the to_item_ID fields start, each {@code idWidth} bytes.
 */
record Reference(Box box, long from, List<Long> to, CountField count, int firstTarget, int idWidth) {
    String type() {
        return box.type();
    }
}
