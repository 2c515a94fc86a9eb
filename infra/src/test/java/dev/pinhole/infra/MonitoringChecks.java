package dev.pinhole.infra;

import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.api.ImageApiMetrics;
import dev.pinhole.images.cdn.InvalidatorMetrics;
import dev.pinhole.images.publish.PublisherMetrics;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketMetrics;
import dev.pinhole.infra.MetricReferences.Metric;
import dev.pinhole.infra.MetricReferences.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alarms and the dashboard against the code and the stack: an alarm for each way a function fails, each one
 * notifying the one topic, every metric named as the code emits it (Pinhole's EMF metrics) or as AWS documents it,
 * and a dashboard that shows every metric the code counts and every metric an alarm watches.
 */
final class MonitoringChecks {
    /** Pinhole's own metrics, by the value of their Function dimension: the code's lists, not copies of them. */
    static final Map<String, List<String>> CODE_METRICS = Map.of(
            TicketMetrics.FUNCTION, TicketMetrics.ALL,
            PublisherMetrics.FUNCTION, PublisherMetrics.ALL,
            ImageApiMetrics.FUNCTION, ImageApiMetrics.ALL,
            InvalidatorMetrics.FUNCTION, InvalidatorMetrics.ALL);

    /** Pinhole metrics that count a fault, each of which must have its alarm: "function/metric". */
    static final List<String> FAULT_METRICS = List.of(
            TicketMetrics.FUNCTION + "/" + TicketMetrics.INTERNAL_ERRORS,
            ImageApiMetrics.FUNCTION + "/" + ImageApiMetrics.INTERNAL_ERRORS,
            PublisherMetrics.FUNCTION + "/" + PublisherMetrics.PUBLISH_FAILURES,
            PublisherMetrics.FUNCTION + "/" + PublisherMetrics.FORMAT_BUGS);

    /** What the template may name in an AWS namespace: metric names, and the resource type each dimension names. */
    record AwsNamespace(Set<String> metrics, Map<String, String> dimensions) {
    }

    /** A dimension whose value is text, not a resource (S3's storage classes). */
    static final String TEXT = "text";

    /**
     * AWS's metrics as documented: Lambda (docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html), HTTP APIs
     * (apigateway/latest/developerguide/http-api-metrics.html: 4xx, 5xx, Count, IntegrationLatency, Latency,
     * DataProcessed by ApiId and Stage), SQS (AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-
     * metrics.html) and S3's daily storage metrics (AmazonS3/latest/userguide/metrics-dimensions.html).
     */
    static final Map<String, AwsNamespace> AWS_METRICS = Map.of(
            "AWS/Lambda", new AwsNamespace(Set.of("Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"),
                    Map.of("FunctionName", "AWS::Lambda::Function")),
            "AWS/ApiGateway", new AwsNamespace(Set.of("4xx", "5xx", "Count", "IntegrationLatency", "Latency",
                    "DataProcessed"), Map.of("ApiId", "AWS::ApiGatewayV2::Api", "Stage", "AWS::ApiGatewayV2::Stage")),
            "AWS/SQS", new AwsNamespace(Set.of("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                    "NumberOfMessagesSent"), Map.of("QueueName", "AWS::SQS::Queue")),
            "AWS/S3", new AwsNamespace(Set.of("BucketSizeBytes", "NumberOfObjects"),
                    Map.of("BucketName", "AWS::S3::Bucket", "StorageType", TEXT)));
    static final Set<String> S3_STORAGE_TYPES = Set.of("StandardStorage", "AllStorageTypes");
    /** CloudWatch's choices for missing data; each alarm must make one, not inherit "missing". */
    static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore");
    static final long GIB = 1L << 30;

    private final Template template;
    private final TemplateChecks functions;
    private final Map<String, List<Metric>> alarms;

    MonitoringChecks(Template template, TemplateChecks functions) {
        this.template = template;
        this.functions = functions;
        this.alarms = MetricReferences.ofAlarms(template);
    }

    /** Each function's Errors and Throttles have an alarm, and so has each fault Pinhole's own metrics count. */
    List<String> alarmsForEveryFunction() {
        List<String> problems = new ArrayList<>();
        for (String function : template.ofType("AWS::Lambda::Function")) {
            for (String metric : List.of("Errors", "Throttles")) {
                if (alarmOn("AWS/Lambda", metric, Map.of("FunctionName", new ResourceRef(function))) == null) {
                    problems.add("no alarm on " + function + "'s " + metric);
                }
            }
        }
        for (String fault : FAULT_METRICS) {
            String[] parts = fault.split("/");
            if (alarmOn(Telemetry.NAMESPACE, parts[1], Map.of(Telemetry.FUNCTION_DIMENSION, parts[0])) == null) {
                problems.add("no alarm on " + Telemetry.NAMESPACE + " " + parts[1] + " of " + parts[0]);
            }
        }
        return problems;
    }

    /** Every alarm notifies the one topic when it fires and when it is over, and says what missing data means. */
    List<String> alarmsNotifyTheTopic() {
        List<String> problems = new ArrayList<>();
        List<String> topics = template.ofType("AWS::SNS::Topic");
        if (topics.size() != 1) {
            return List.of("expected one SNS topic for the alarms, found " + topics);
        }
        Object topic = List.of(Map.of("Ref", topics.get(0)));
        if (alarms.isEmpty()) {
            problems.add("the template has no alarm");
        }
        for (String alarm : alarms.keySet()) {
            Map<String, Object> properties = template.properties(alarm);
            for (String actions : List.of("AlarmActions", "OKActions")) {
                if (!topic.equals(properties.get(actions))) {
                    problems.add(alarm + "'s " + actions + " is " + properties.get(actions) + ", not " + topic);
                }
            }
            if (Boolean.FALSE.equals(properties.get("ActionsEnabled"))) {
                problems.add(alarm + " has its actions disabled");
            }
            if (!MISSING_DATA.contains(String.valueOf(properties.get("TreatMissingData")))) {
                problems.add(alarm + " leaves TreatMissingData to CloudWatch's default; choose it (" + MISSING_DATA + ")");
            }
        }
        List<String> subscriptions = template.ofType("AWS::SNS::Subscription");
        boolean mailed = subscriptions.stream().anyMatch(id -> {
            Map<String, Object> resource = Template.asMap(template.resources().get(id));
            Map<String, Object> properties = template.properties(id);
            Object condition = template.at("Conditions", resource.get("Condition"));
            return "email".equals(properties.get("Protocol")) && Map.of("Ref", "AlarmEmail").equals(properties.get("Endpoint"))
                    && Map.of("Ref", topics.get(0)).equals(properties.get("TopicArn"))
                    && Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmEmail"), ""))))
                            .equals(condition);
        });
        if (!mailed) {
            problems.add("no e-mail subscription to " + topics.get(0) + " for AlarmEmail, made only when it is set");
        }
        if (!"".equals(template.at("Parameters", "AlarmEmail", "Default"))) {
            problems.add("AlarmEmail is not optional (its default must be empty)");
        }
        return problems;
    }

    /** Every metric of every alarm and of the dashboard is one the code emits, or one AWS documents, on this stack. */
    List<String> metricNamesMatchTheCode() {
        List<String> problems = new ArrayList<>();
        List<Metric> all = new ArrayList<>();
        alarms.values().forEach(all::addAll);
        for (String dashboard : template.ofType("AWS::CloudWatch::Dashboard")) {
            all.addAll(MetricReferences.ofDashboard(template, dashboard, problems));
        }
        for (Metric metric : all) {
            problems.addAll(judge(metric));
        }
        return problems;
    }

    private List<String> judge(Metric metric) {
        if (Telemetry.NAMESPACE.equals(metric.namespace())) {
            Object function = metric.dimensions().get(Telemetry.FUNCTION_DIMENSION);
            List<String> names = CODE_METRICS.get(String.valueOf(function));
            if (!metric.dimensions().keySet().equals(Set.of(Telemetry.FUNCTION_DIMENSION)) || names == null) {
                return List.of(metric + ": Pinhole metrics are counted by " + Telemetry.FUNCTION_DIMENSION
                        + " alone, one of " + new TreeSet<>(CODE_METRICS.keySet()));
            }
            return names.contains(metric.name()) ? List.of()
                    : List.of(metric + ": the " + function + " function emits no " + metric.name() + " (it emits "
                            + names + ")");
        }
        AwsNamespace namespace = AWS_METRICS.get(metric.namespace());
        if (namespace == null) {
            return List.of(metric + ": no such namespace (Pinhole's is " + Telemetry.NAMESPACE + ")");
        }
        List<String> problems = new ArrayList<>();
        if (!namespace.metrics().contains(metric.name())) {
            problems.add(metric + ": " + metric.namespace() + " has no metric " + metric.name());
        }
        if (!metric.dimensions().keySet().equals(namespace.dimensions().keySet())) {
            problems.add(metric + ": dimensions must be " + namespace.dimensions().keySet());
        }
        metric.dimensions().forEach((name, value) -> {
            String type = namespace.dimensions().get(name);
            if (TEXT.equals(type)) {
                if (!S3_STORAGE_TYPES.contains(String.valueOf(value))) {
                    problems.add(metric + ": " + name + " " + value + " is none of " + S3_STORAGE_TYPES);
                }
            } else if (type != null && !(value instanceof ResourceRef ref
                    && type.equals(template.at("Resources", ref.logicalId(), "Type")))) {
                problems.add(metric + ": " + name + " does not name a " + type + " of this stack");
            }
        });
        return problems;
    }

    /**
     * What happens after a failure is watched: anything in a failure destination, the API's 5xx, a spike in the share
     * of refused uploads (with a minimum count), and the image bucket's size against a parameter in GiB.
     */
    List<String> failureAlarms() {
        List<String> problems = new ArrayList<>();
        for (String config : template.ofType("AWS::Lambda::EventInvokeConfig")) {
            Object queue = template.at("Resources", config, "Properties", "DestinationConfig", "OnFailure",
                    "Destination", "Fn::GetAtt", 0);
            String alarm = queue == null ? null : alarmOn("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                    Map.of("QueueName", new ResourceRef(String.valueOf(queue))));
            if (alarm == null) {
                problems.add("no alarm on messages in " + config + "'s failure destination " + queue);
            } else if (!"Maximum".equals(template.properties(alarm).get("Statistic")) || !firesAboveZero(alarm)) {
                problems.add(alarm + " does not fire on the first message (Maximum > 0)");
            }
        }
        String api = template.single("AWS::ApiGatewayV2::Api");
        String stage = template.single("AWS::ApiGatewayV2::Stage");
        String serverErrors = alarmOn("AWS/ApiGateway", "5xx", Map.of("ApiId", new ResourceRef(api),
                "Stage", new ResourceRef(stage)));
        if (serverErrors == null || !firesAboveZero(serverErrors)) {
            problems.add("no alarm on the first 5xx of " + api + " (stage " + stage + ")");
        }
        problems.addAll(refusalRatio());
        problems.addAll(bucketSize());
        return problems;
    }

    private List<String> refusalRatio() {
        Map<String, Object> published = Map.of(Telemetry.FUNCTION_DIMENSION, PublisherMetrics.FUNCTION);
        for (Map.Entry<String, List<Metric>> alarm : alarms.entrySet()) {
            String refused = idOf(alarm.getValue(), PublisherMetrics.UPLOADS_REFUSED, published);
            String publishedId = idOf(alarm.getValue(), PublisherMetrics.UPLOADS_PUBLISHED, published);
            if (refused == null || publishedId == null) {
                continue;
            }
            String expression = returnedExpression(alarm.getKey());
            List<String> problems = new ArrayList<>();
            if (expression == null || !expression.contains(refused) || !expression.contains(publishedId)) {
                problems.add(alarm.getKey() + " does not compute from both " + refused + " and " + publishedId);
            } else if (!expression.replace(" ", "").startsWith("IF(") || !expression.contains(">=")
                    || !expression.matches(".*>=\\s*\\$\\{[A-Za-z0-9]+}.*")) {
                problems.add(alarm.getKey() + " has no minimum count (IF(... >= ${Parameter}, ...)): one refusal in a"
                        + " quiet hour would be a 100 % spike");
            }
            if (!(template.properties(alarm.getKey()).get("Threshold") instanceof Map<?, ?> threshold
                    && threshold.get("Ref") != null)) {
                problems.add(alarm.getKey() + "'s threshold is not a parameter");
            }
            return problems;
        }
        return List.of("no alarm on the share of refused uploads (" + PublisherMetrics.UPLOADS_REFUSED + " / ("
                + PublisherMetrics.UPLOADS_PUBLISHED + " + " + PublisherMetrics.UPLOADS_REFUSED + "))");
    }

    private List<String> bucketSize() {
        String tickets = functions.functionOf(dev.pinhole.tickets.TicketHandler.class);
        Object bucket = tickets == null ? null : template.at("Resources", tickets, "Properties", "Environment",
                "Variables", TicketConfig.BUCKET, "Ref");
        for (Map.Entry<String, List<Metric>> alarm : alarms.entrySet()) {
            String bytes = idOf(alarm.getValue(), "BucketSizeBytes", Map.of("BucketName",
                    new ResourceRef(String.valueOf(bucket)), "StorageType", "StandardStorage"));
            if (bytes == null) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            Map<String, Object> properties = template.properties(alarm.getKey());
            Object period = template.at("Resources", alarm.getKey(), "Properties", "Metrics", 0, "MetricStat", "Period");
            if (!"86400".equals(String.valueOf(period))) {
                problems.add(alarm.getKey() + " looks at periods of " + period + " s; S3 measures once a day (86400)");
            }
            String expression = returnedExpression(alarm.getKey());
            if (expression == null || !expression.replace(" ", "").equals(bytes + "/" + GIB)) {
                problems.add(alarm.getKey() + " does not turn bytes into GiB (" + bytes + " / " + GIB + "): " + expression);
            }
            if (!(properties.get("Threshold") instanceof Map<?, ?> threshold && threshold.get("Ref") != null)) {
                problems.add(alarm.getKey() + "'s threshold is not a parameter (in GiB)");
            }
            if (!"ignore".equals(properties.get("TreatMissingData"))) {
                problems.add(alarm.getKey() + " treats missing data as " + properties.get("TreatMissingData")
                        + ": S3's daily point is often late, and the alarm would clear between points (ignore)");
            }
            return problems;
        }
        return List.of("no alarm on the size of " + bucket + " (AWS/S3 BucketSizeBytes, StandardStorage)");
    }

    /**
     * CloudWatch's free tier: an account's first three dashboards cost nothing while each shows at most 50
     * metrics; past that this one would be $3.00 a month on its own (docs/DEPLOY.md, "What it costs").
     */
    static final int FREE_DASHBOARD_METRICS = 50;

    /**
     * The dashboard shows every metric the code counts and every metric an alarm watches, under a global name,
     * within the free tier's 50 metrics.
     */
    List<String> dashboard() {
        List<String> dashboards = template.ofType("AWS::CloudWatch::Dashboard");
        if (dashboards.size() != 1) {
            return List.of("expected one dashboard, found " + dashboards);
        }
        String dashboard = dashboards.get(0);
        List<String> problems = new ArrayList<>();
        String name = DeployBehaviourChecks.subText(template.properties(dashboard).get("DashboardName"));
        if (name == null || !name.contains("${AWS::StackName}") || !name.contains("${AWS::Region}")) {
            problems.add(dashboard + "'s name does not hold the stack name and the region: dashboard names are global"
                    + " to the account");
        }
        List<Metric> shown = MetricReferences.ofDashboard(template, dashboard, problems);
        if (shown.size() > FREE_DASHBOARD_METRICS) {
            problems.add(dashboard + " shows " + shown.size() + " metrics: past " + FREE_DASHBOARD_METRICS
                    + " it is outside CloudWatch's free dashboards");
        }
        Set<String> keys = new TreeSet<>();
        shown.forEach(metric -> keys.add(key(metric)));
        CODE_METRICS.forEach((function, names) -> names.forEach(metricName -> {
            String key = Telemetry.NAMESPACE + " " + metricName + " " + Map.of(Telemetry.FUNCTION_DIMENSION, function);
            if (!keys.contains(key)) {
                problems.add(dashboard + " does not show " + key);
            }
        }));
        alarms.values().forEach(metrics -> metrics.forEach(metric -> {
            if (!keys.contains(key(metric))) {
                problems.add(dashboard + " does not show " + key(metric) + ", which " + metric.where() + " watches");
            }
        }));
        return problems;
    }

    private static String key(Metric metric) {
        return metric.namespace() + " " + metric.name() + " " + new java.util.TreeMap<>(metric.dimensions());
    }

    private String alarmOn(String namespace, String name, Map<String, Object> dimensions) {
        return alarms.entrySet().stream().filter(alarm -> alarm.getValue().stream().anyMatch(metric ->
                        namespace.equals(metric.namespace()) && name.equals(metric.name())
                                && dimensions.equals(metric.dimensions())))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private boolean firesAboveZero(String alarm) {
        Map<String, Object> properties = template.properties(alarm);
        return "0".equals(String.valueOf(properties.get("Threshold")))
                && "GreaterThanThreshold".equals(properties.get("ComparisonOperator"));
    }

    /** The Id of the metric-math query of {@code metrics} on this Pinhole or S3 metric, or null. */
    private static String idOf(List<Metric> metrics, String name, Map<String, Object> dimensions) {
        return metrics.stream().filter(m -> name.equals(m.name()) && dimensions.equals(m.dimensions())
                        && m.where().contains("."))
                .map(m -> m.where().substring(m.where().indexOf('.') + 1)).findFirst().orElse(null);
    }

    /** The expression of the alarm's one query that returns data (Fn::Sub text or plain), or null. */
    private String returnedExpression(String alarm) {
        Object queries = template.properties(alarm).get("Metrics");
        if (!(queries instanceof List<?> list)) {
            return null;
        }
        List<Object> returned = list.stream().map(Template::asMap)
                .filter(query -> Boolean.TRUE.equals(query.get("ReturnData"))).map(query -> query.get("Expression"))
                .filter(Objects::nonNull).map(e -> (Object) e).toList();
        if (returned.size() != 1) {
            return null;
        }
        Object expression = returned.get(0);
        String text = DeployBehaviourChecks.subText(expression);
        return text != null ? text : expression instanceof String plain ? plain : null;
    }
}
