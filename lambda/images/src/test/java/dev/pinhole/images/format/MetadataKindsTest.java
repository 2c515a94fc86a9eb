package dev.pinhole.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the page says was removed follows from what an XMP packet names; unknown packets are "other". */
class MetadataKindsTest {

    @Test
    void ofXmp_namesTheKindsThePacketsPropertiesBelongTo() {
        byte[] packet = ("<x:xmpmeta><rdf:RDF><rdf:Description exif:GPSLatitude='48,51.5N' tiff:Make='Pinhole'"
                + " xmp:CreateDate='2024-01-02'><dc:creator><rdf:Seq><rdf:li>Jane</rdf:li></rdf:Seq></dc:creator>"
                + "<dc:description>at home</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")
                .getBytes(StandardCharsets.UTF_8);

        assertEquals(Set.of(MetadataKind.LOCATION, MetadataKind.CAMERA, MetadataKind.DATES, MetadataKind.PEOPLE,
                MetadataKind.TEXT), MetadataKinds.ofXmp(packet, 0, packet.length));
    }

    @Test
    void ofXmp_readsOnlyTheGivenRangeAndCallsAnUnknownPacketOther() {
        byte[] bytes = "dc:creator<x:xmpmeta><rdf:RDF/></x:xmpmeta>".getBytes(StandardCharsets.UTF_8);

        assertEquals(Set.of(MetadataKind.OTHER), MetadataKinds.ofXmp(bytes, 10, bytes.length - 10));
        assertEquals(Set.of(MetadataKind.PEOPLE), MetadataKinds.ofXmp(bytes, 0, bytes.length));
    }
}
