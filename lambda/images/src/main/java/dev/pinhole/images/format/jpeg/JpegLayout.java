package dev.pinhole.images.format.jpeg;

import java.util.List;

/**
 * A JPEG file walked from SOI to EOI.
 *
 * @param segments every segment in file order, SOI first and EOI last
 * @param frame    the frame header (SOF)
 * @param imageEnd the offset just after EOI; anything from here to the end of the file is a trailer
 */
record JpegLayout(List<Segment> segments, FrameHeader frame, int imageEnd) {
    JpegLayout {
        segments = List.copyOf(segments);
    }

    boolean hasTrailer(byte[] image) {
        return imageEnd < image.length;
    }
}
