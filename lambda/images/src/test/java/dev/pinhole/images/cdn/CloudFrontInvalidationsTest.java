package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The hand-built CreateInvalidation call against a JDK HttpServer playing CloudFront's API. */
class CloudFrontInvalidationsTest {
    static final String DISTRIBUTION = "EDFDVBD6EXAMPLE";
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final List<String> PATHS = List.of("/i/q3Lr0w9xT0m5QmJ7cV2b1A.png", "/i/AAAAAAAAAAAAAAAAAAAAAA.jpg");

    FakeCloudFront cloudFront;

    @BeforeEach
    void start() throws Exception {
        cloudFront = new FakeCloudFront();
    }

    @AfterEach
    void stop() {
        cloudFront.close();
    }

    static CloudFrontInvalidations client(URI endpoint, StaticCredentialsProvider credentials) {
        return new CloudFrontInvalidations(endpoint, DISTRIBUTION, credentials, UrlConnectionHttpClient.create());
    }

    CloudFrontInvalidations client() {
        return client(cloudFront.endpoint(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET)));
    }

    @Test
    void send_postsTheInvalidationBatch_toTheDistributionsInvalidationResource() throws Exception {
        // When a batch is sent
        String id = client().send(PATHS, "pinhole-ref-1");

        // Then one POST reached the distribution's invalidation resource of API version 2020-05-31
        assertEquals("I2J0I21PCUYOIK", id);
        FakeCloudFront.Received request = cloudFront.received().get(0);
        assertEquals(1, cloudFront.received().size());
        assertEquals("POST", request.method());
        assertEquals("/2020-05-31/distribution/" + DISTRIBUTION + "/invalidation", request.rawPath());
        assertEquals("text/xml", request.headers().get("content-type"));
        // with CloudFront's InvalidationBatch: its namespace, Quantity, the paths in order, the caller reference
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(request.body()));
        Element batch = xml.getDocumentElement();
        assertEquals("InvalidationBatch", batch.getLocalName());
        assertEquals("http://cloudfront.amazonaws.com/doc/2020-05-31/", batch.getNamespaceURI());
        assertEquals("2", text(batch, "Quantity"));
        NodeList items = batch.getElementsByTagNameNS(InvalidationXml.NAMESPACE, "Path");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            paths.add(items.item(i).getTextContent());
            assertEquals("Items", items.item(i).getParentNode().getLocalName());
        }
        assertEquals(PATHS, paths);
        assertEquals("pinhole-ref-1", text(batch, "CallerReference"));
    }

    @Test
    void send_isSigV4SignedForCloudFrontInUsEast1_overWhatArrived() throws Exception {
        client().send(PATHS, "pinhole-ref-2");

        List<String> signed = SigV4Check.assertSigned(cloudFront.received().get(0), ACCESS_KEY, SECRET,
                "us-east-1", "cloudfront");

        assertTrue(signed.contains("host"), signed.toString());
        assertTrue(signed.contains("x-amz-date"), signed.toString());
        assertEquals("127.0.0.1:" + cloudFront.endpoint().getPort(), cloudFront.received().get(0).headers().get("host"));
    }

    @Test
    void theSignatureCheck_bites_forAnotherSecretRegionOrBody() throws Exception {
        client().send(PATHS, "pinhole-ref-2");
        FakeCloudFront.Received request = cloudFront.received().get(0);

        assertThrows(AssertionError.class, () -> SigV4Check.assertSigned(request, ACCESS_KEY, SECRET + "x",
                "us-east-1", "cloudfront"));
        assertThrows(AssertionError.class, () -> SigV4Check.assertSigned(request, ACCESS_KEY, SECRET,
                "eu-west-1", "cloudfront"));
        FakeCloudFront.Received otherBody = new FakeCloudFront.Received(request.method(), request.rawPath(),
                request.rawQuery(), request.headers(), (request.text() + " ").getBytes());
        assertThrows(AssertionError.class, () -> SigV4Check.assertSigned(otherBody, ACCESS_KEY, SECRET,
                "us-east-1", "cloudfront"));
    }

    @Test
    void sessionCredentials_signTheirToken_asLambdasRoleCredentialsNeed() throws Exception {
        CloudFrontInvalidations withSession = client(cloudFront.endpoint(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(ACCESS_KEY, SECRET, "session-token-from-the-role")));

        withSession.send(PATHS, "pinhole-ref-3");

        FakeCloudFront.Received request = cloudFront.received().get(0);
        assertEquals("session-token-from-the-role", request.headers().get("x-amz-security-token"));
        assertTrue(SigV4Check.assertSigned(request, ACCESS_KEY, SECRET, "us-east-1", "cloudfront")
                .contains("x-amz-security-token"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, TooManyInvalidationsInProgress, true", "400, Throttling, true",
            "503, ServiceUnavailable, true", "500, InternalError, true", "403, AccessDenied, false",
            "404, NoSuchDistribution, false", "400, InvalidArgument, false", "413, BatchTooLarge, false"})
    void errorAnswer_isAFailureWithCloudFrontsCode_retryableOnlyWhenBusyOrFailing(int status, String code,
                                                                              boolean retryable) {
        cloudFront.then(status, FakeCloudFront.error("Sender", code, "Details for " + code + "."));

        InvalidationFailure failure = assertThrows(InvalidationFailure.class, () -> client().send(PATHS, "r"));

        assertEquals(status, failure.status());
        assertEquals(code, failure.code());
        assertEquals(retryable, failure.retryable());
        assertTrue(failure.getMessage().contains("Details for " + code + "."), failure.getMessage());
    }

    @Test
    void answerThatIsNotXml_isAFailureByItsStatus() {
        cloudFront.then(502, "<html><body>Bad Gateway</body></html>").then(400, "");

        InvalidationFailure gateway = assertThrows(InvalidationFailure.class, () -> client().send(PATHS, "r"));
        InvalidationFailure empty = assertThrows(InvalidationFailure.class, () -> client().send(PATHS, "r"));

        assertEquals("HTTP 502", gateway.code());
        assertTrue(gateway.retryable());
        assertEquals("HTTP 400", empty.code());
        assertFalse(empty.retryable());
    }

    @Test
    void cloudFrontUnreachable_isARetryableFailureWithoutStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CloudFrontInvalidations unreachable = client(URI.create("http://127.0.0.1:" + closedPort),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)));

        InvalidationFailure failure = assertThrows(InvalidationFailure.class, () -> unreachable.send(PATHS, "r"));

        assertEquals(0, failure.status());
        assertTrue(failure.retryable());
    }

    @Test
    void xmlWithADoctype_isNotExpanded() {
        cloudFront.then(400, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<ErrorResponse><Error><Code>&e;</Code></Error></ErrorResponse>");

        InvalidationFailure failure = assertThrows(InvalidationFailure.class, () -> client().send(PATHS, "r"));

        assertFalse(failure.getMessage().contains("root:"), failure.getMessage());
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(InvalidationXml.NAMESPACE, name).item(0).getTextContent();
    }
}
