package dev.pinhole.infra;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.publish.PublisherMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The alarms and the dashboard fit the code and the stack, and each check catches a template broken its way. */
class MonitoringChecksTest {
    private static Template template;
    private static HandlerProbe handler;

    private static final Map<String, Function<MonitoringChecks, List<String>>> CHECKS = Map.of(
            "alarmsForEveryFunction", MonitoringChecks::alarmsForEveryFunction,
            "alarmsNotifyTheTopic", MonitoringChecks::alarmsNotifyTheTopic,
            "metricNamesMatchTheCode", MonitoringChecks::metricNamesMatchTheCode,
            "failureAlarms", MonitoringChecks::failureAlarms,
            "dashboard", MonitoringChecks::dashboard);

    @BeforeAll
    static void load() {
        template = Template.load(Repo.TEMPLATE);
        handler = new HandlerProbe();
    }

    private static List<String> run(String check, Template subject) {
        return CHECKS.get(check).apply(new MonitoringChecks(subject, new TemplateChecks(subject, handler)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkNames")
    void template_passesCheck(String check) {
        assertEquals(List.of(), run(check, template));
    }

    static Stream<String> checkNames() {
        return CHECKS.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void brokenTemplate_isCaughtByItsCheck(Mutation mutation) {
        assertFalse(run(mutation.caughtBy(), mutation.applyTo(template)).isEmpty(), mutation + " went unnoticed");
    }

    @Test
    void everyCheck_hasAMutationThatItCatches() {
        assertEquals(checkNames().toList(), mutations().map(Mutation::caughtBy).distinct().sorted().toList());
    }

    @Test
    void metricReferences_readEveryAlarmAndTheWholeDashboard() {
        // Guards the checks themselves: were the reading to find nothing, "every metric matches" would mean little.
        Map<String, List<MetricReferences.Metric>> alarms = MetricReferences.ofAlarms(template);
        assertEquals(template.ofType("AWS::CloudWatch::Alarm").size(), alarms.size());
        assertTrue(alarms.values().stream().noneMatch(List::isEmpty), alarms.toString());
        List<String> problems = new java.util.ArrayList<>();
        List<MetricReferences.Metric> shown = MetricReferences.ofDashboard(template, "Dashboard", problems);
        assertEquals(List.of(), problems);
        long codeMetrics = MonitoringChecks.CODE_METRICS.values().stream().mapToLong(List::size).sum();
        assertTrue(shown.size() > codeMetrics, shown.toString());
        assertTrue(shown.stream().anyMatch(m -> m.dimensions().get("FunctionName")
                instanceof MetricReferences.ResourceRef ref && ref.logicalId().equals("InvalidatorFunction")));
    }

    private static Map<String, Object> alarm(Template t, String id) {
        return t.properties(id);
    }

    private static Map<String, Object> dimension(Template t, String alarm, int index) {
        return asMap(asList(alarm(t, alarm).get("Dimensions")).get(index));
    }

    private static Map<String, Object> query(Template t, String alarm, int index) {
        return asMap(asList(alarm(t, alarm).get("Metrics")).get(index));
    }

    private static Map<String, Object> queryMetric(Template t, String alarm, int index) {
        return asMap(asMap(query(t, alarm, index).get("MetricStat")).get("Metric"));
    }

    /** The dashboard's body with one piece of its text replaced. */
    private static void editDashboard(Template t, String from, String to) {
        Map<String, Object> properties = t.properties("Dashboard");
        String body = DeployBehaviourChecks.subText(properties.get("DashboardBody"));
        assertTrue(body.contains(from), from);
        properties.put("DashboardBody", Map.of("Fn::Sub", body.replace(from, to)));
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("the invalidator's throttles unwatched", "alarmsForEveryFunction",
                        t -> t.resources().remove("InvalidatorThrottlesAlarm")),
                new Mutation("the publisher's errors alarm watches the ticket function", "alarmsForEveryFunction",
                        t -> dimension(t, "PublisherErrorsAlarm", 0).put("Value", Map.of("Ref", "TicketFunction"))),
                new Mutation("the ticket function's 500s unwatched", "alarmsForEveryFunction",
                        t -> t.resources().remove("TicketInternalErrorsAlarm")),
                new Mutation("format bugs unwatched", "alarmsForEveryFunction",
                        t -> t.resources().remove("PublisherFormatBugsAlarm")),
                new Mutation("an alarm that tells no one", "alarmsNotifyTheTopic",
                        t -> alarm(t, "ApiServerErrorsAlarm").remove("AlarmActions")),
                new Mutation("an alarm that never says it is over", "alarmsNotifyTheTopic",
                        t -> alarm(t, "RefusedUploadsAlarm").remove("OKActions")),
                new Mutation("an alarm to another topic", "alarmsNotifyTheTopic", t -> {
                    t.resources().put("OtherTopic", Map.of("Type", "AWS::SNS::Topic", "Properties", Map.of()));
                    alarm(t, "TicketErrorsAlarm").put("AlarmActions", List.of(Map.of("Ref", "OtherTopic")));
                }),
                new Mutation("missing data left to the default", "alarmsNotifyTheTopic",
                        t -> alarm(t, "PublishFailuresAlarm").remove("TreatMissingData")),
                new Mutation("actions disabled", "alarmsNotifyTheTopic",
                        t -> alarm(t, "ImageApiErrorsAlarm").put("ActionsEnabled", false)),
                new Mutation("the address subscribed even when empty", "alarmsNotifyTheTopic",
                        t -> asMap(t.resources().get("AlarmEmailSubscription")).remove("Condition")),
                new Mutation("no e-mail subscription", "alarmsNotifyTheTopic",
                        t -> t.resources().remove("AlarmEmailSubscription")),
                new Mutation("a metric the publisher does not emit (renamed)", "metricNamesMatchTheCode",
                        t -> alarm(t, "PublishFailuresAlarm").put("MetricName", "PublishFailure")),
                new Mutation("a function the code does not name", "metricNamesMatchTheCode",
                        t -> dimension(t, "TicketInternalErrorsAlarm", 0).put("Value", "ticket")),
                new Mutation("the namespace misspelt", "metricNamesMatchTheCode",
                        t -> alarm(t, "ImageApiInternalErrorsAlarm").put("Namespace", "pinhole")),
                new Mutation("a dimension set the code never emits", "metricNamesMatchTheCode",
                        t -> asList(alarm(t, "PublishFailuresAlarm").get("Dimensions"))
                                .add(Map.of("Name", PublisherMetrics.REASON, "Value", "too_large"))),
                new Mutation("the refusal share from a metric that does not exist", "metricNamesMatchTheCode",
                        t -> queryMetric(t, "RefusedUploadsAlarm", 1).put("MetricName", "UploadsPublish")),
                new Mutation("a dashboard metric misspelt", "metricNamesMatchTheCode",
                        t -> editDashboard(t, "\"UploadsWithdrawn\"", "\"UploadWithdrawn\"")),
                new Mutation("a Lambda metric AWS does not have", "metricNamesMatchTheCode",
                        t -> alarm(t, "TicketThrottlesAlarm").put("MetricName", "Throttle")),
                new Mutation("a function's alarm naming a queue", "metricNamesMatchTheCode",
                        t -> dimension(t, "InvalidatorErrorsAlarm", 0).put("Value", Map.of("Ref", "InvalidatorFailureQueue"))),
                new Mutation("REST API's metric name on an HTTP API", "metricNamesMatchTheCode",
                        t -> alarm(t, "ApiServerErrorsAlarm").put("MetricName", "5XXError")),
                new Mutation("the publisher's failure queue unwatched", "failureAlarms",
                        t -> t.resources().remove("PublisherFailureQueueAlarm")),
                new Mutation("both queue alarms on the publisher's queue", "failureAlarms",
                        t -> dimension(t, "InvalidatorFailureQueueAlarm", 0).put("Value",
                                Map.of("Fn::GetAtt", List.of("PublisherFailureQueue", "QueueName")))),
                new Mutation("a queue alarm that waits for ten messages", "failureAlarms",
                        t -> alarm(t, "PublisherFailureQueueAlarm").put("Threshold", 10)),
                new Mutation("4xx watched instead of 5xx", "failureAlarms",
                        t -> alarm(t, "ApiServerErrorsAlarm").put("MetricName", "4xx")),
                new Mutation("no refusal-share alarm", "failureAlarms", t -> t.resources().remove("RefusedUploadsAlarm")),
                new Mutation("one refusal in a quiet hour is a spike", "failureAlarms",
                        t -> query(t, "RefusedUploadsAlarm", 2).put("Expression",
                                "100 * FILL(refused, 0) / (FILL(refused, 0) + FILL(published, 0))")),
                new Mutation("a fixed minimum count", "failureAlarms",
                        t -> query(t, "RefusedUploadsAlarm", 2).put("Expression",
                                "IF(FILL(refused, 0) + FILL(published, 0) >= 20, 100 * FILL(refused, 0) / 20, 0)")),
                new Mutation("bucket size in GB of a thousand million", "failureAlarms",
                        t -> query(t, "ImageBucketSizeAlarm", 1).put("Expression", "bytes / 1000000000")),
                new Mutation("the site bucket's size watched", "failureAlarms",
                        t -> asMap(asList(queryMetric(t, "ImageBucketSizeAlarm", 0).get("Dimensions")).get(0))
                                .put("Value", Map.of("Ref", "SiteBucket"))),
                new Mutation("the size alarm clears whenever S3's point is late", "failureAlarms",
                        t -> alarm(t, "ImageBucketSizeAlarm").put("TreatMissingData", "notBreaching")),
                new Mutation("the size looked at hourly", "failureAlarms",
                        t -> asMap(query(t, "ImageBucketSizeAlarm", 0).get("MetricStat")).put("Period", 3600)),
                new Mutation("a code metric missing from the dashboard", "dashboard", t -> editDashboard(t,
                        "[\"Pinhole\", \"UploadsWithdrawn\", \"Function\", \"publisher\"]",
                        "[\"Pinhole\", \"UploadsRefused\", \"Function\", \"publisher\"]")),
                new Mutation("an alarmed metric missing from the dashboard", "dashboard", t -> editDashboard(t,
                        "${InvalidatorFailureQueue.QueueName}", "${PublisherFailureQueue.QueueName}")),
                new Mutation("a dashboard name that clashes across regions", "dashboard",
                        t -> t.properties("Dashboard").put("DashboardName", Map.of("Fn::Sub", "${AWS::StackName}"))),
                new Mutation("a dashboard past the free tier's 50 metrics", "dashboard", t -> editDashboard(t,
                        "[\"AWS/S3\", \"NumberOfObjects\",", ("[\"AWS/S3\", \"BucketSizeBytes\", \"BucketName\","
                                + " \"${ImageBucket}\", \"StorageType\", \"StandardStorage\"],\n").repeat(5)
                                + "[\"AWS/S3\", \"NumberOfObjects\",")),
                new Mutation("CloudWatch's shorthand, which no check can read", "dashboard", t -> editDashboard(t,
                        "[\"Pinhole\", \"UploadsRefused\", \"Function\", \"publisher\"]",
                        "[\".\", \"UploadsRefused\", \".\", \".\"]")));
    }
}
