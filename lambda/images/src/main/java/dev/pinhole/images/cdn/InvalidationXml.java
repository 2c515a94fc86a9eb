package dev.pinhole.images.cdn;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * CloudFront's CreateInvalidation XML, the two parts Pinhole uses: the {@code InvalidationBatch} it sends, and the
 * few elements of an answer it reads (the invalidation's {@code Id}, or an error's {@code Code} and
 * {@code Message}). The JDK's StAX, so that no XML library (nor CloudFront's 5.6 MB SDK module) joins the jar.
 */
final class InvalidationXml {
    static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Set<String> READ = Set.of("Id", "Code", "Message");

    private InvalidationXml() {
    }

    /** The request body: Paths (Quantity, then Items) and CallerReference, in the order of CloudFront's schema. */
    static String batch(List<String> paths, String callerReference) {
        StringWriter text = new StringWriter(64 + 40 * paths.size());
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("InvalidationBatch");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeStartElement("Paths");
            element(xml, "Quantity", Integer.toString(paths.size()));
            xml.writeStartElement("Items");
            for (String path : paths) {
                element(xml, "Path", path);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            element(xml, "CallerReference", callerReference);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException impossible) {
            throw new IllegalStateException("writing XML to a string failed", impossible);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    /**
     * The first {@code Id}, {@code Code} and {@code Message} of an answer, by local name; none of them when the body
     * is not XML (a proxy's HTML page, an empty body). No DTDs, no external entities: the body comes off the network.
     */
    static Map<String, String> read(byte[] body) {
        Map<String, String> found = new HashMap<>();
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(body),
                    StandardCharsets.UTF_8.name());
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && READ.contains(xml.getLocalName())
                        && !found.containsKey(xml.getLocalName())) {
                    found.put(xml.getLocalName(), xml.getElementText());
                }
            }
            xml.close();
        } catch (XMLStreamException notXml) {
            // what was read so far is all there is
        }
        return found;
    }
}
