package dev.pinhole.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reserved concurrency, each function's hard ceiling on instances and so on cost: every function has one, from a
 * parameter of its own that deploy.sh knows (Metadata {@value #CONCURRENCY_SETTINGS}), on by default, with 0 for the
 * accounts that can reserve nothing, and the defaults together fit an account at the standard quota.
 */
final class ConcurrencyChecks {
    /** The template's one-line list of the ceilings' parameters, which deploy.sh checks against the account's quota. */
    static final String CONCURRENCY_SETTINGS = "Pinhole::ConcurrencySettings";
    /** Lambda's default concurrency quota per account and region (new accounts may have 10 until raised). */
    static final long STANDARD_QUOTA = 1000;
    /**
     * Lambda keeps min(100, quota) of an account's concurrency unreserved: "You can reserve up to the Unreserved account
     * concurrency value that is shown, minus 100" (Lambda developer guide, configuration-concurrency); CloudFormation's
     * error on a new account reads "...decreases account's UnreservedConcurrentExecution below its minimum value of [10]".
     */
    static final long KEPT_UNRESERVED = 100;
    private static final Object NO_VALUE = Map.of("Ref", "AWS::NoValue");

    private final Template template;

    ConcurrencyChecks(Template template) {
        this.template = template;
    }

    List<String> reservedConcurrency() {
        List<String> problems = new ArrayList<>();
        Set<String> listed = listed(problems);
        Map<String, String> parameterOf = new TreeMap<>();
        long defaults = 0;
        for (String function : template.ofType("AWS::Lambda::Function")) {
            String parameter = ceilingParameter(function, problems);
            if (parameter == null) {
                continue;
            }
            if (parameterOf.containsValue(parameter)) {
                problems.add(function + " shares its ceiling " + parameter + " with another function: one could not"
                        + " be raised without the other");
            }
            parameterOf.put(function, parameter);
            if (!listed.contains(parameter)) {
                problems.add(parameter + " is not in " + CONCURRENCY_SETTINGS + ": deploy.sh would not check it against"
                        + " the account's quota, and a new account's deploy would fail");
            }
            defaults += defaultCeiling(parameter, problems);
        }
        Set<String> used = new TreeSet<>(parameterOf.values());
        for (String name : listed) {
            if (!used.contains(name)) {
                problems.add(CONCURRENCY_SETTINGS + " lists " + name + ", which is no function's ceiling");
            }
        }
        if (defaults > STANDARD_QUOTA - KEPT_UNRESERVED) {
            problems.add("the default ceilings reserve " + defaults + " together, more than an account at the standard"
                    + " quota may (" + (STANDARD_QUOTA - KEPT_UNRESERVED) + ")");
        }
        return problems;
    }

    /**
     * The parameter of {@code !If [Reserves, <ceiling>, !Ref AWS::NoValue]}: either the parameter itself under
     * {@code !Not [!Equals [!Ref P, "0"]]}, or (the invalidator, which batches only with exactly one instance) 1 under
     * {@code !Equals [!Ref P, "1"]}.
     */
    private String ceilingParameter(String function, List<String> problems) {
        Object reserved = template.properties(function).get("ReservedConcurrentExecutions");
        Object branches = reserved instanceof Map<?, ?> map ? map.get("Fn::If") : null;
        if (!(branches instanceof List<?> ifForm) || ifForm.size() != 3 || !NO_VALUE.equals(ifForm.get(2))) {
            problems.add(function + " has no reserved concurrency from a parameter (" + reserved + "): no ceiling on its"
                    + " cost, or one no small account can turn off");
            return null;
        }
        Object condition = template.at("Conditions", ifForm.get(0));
        Object ceiling = ifForm.get(1);
        String parameter = ceiling instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name ? name : null;
        if (parameter != null && condition instanceof Map<?, ?> not && not.get("Fn::Not") instanceof List<?> inner
                && inner.size() == 1 && equalsParameter(inner.get(0), parameter, "0")) {
            return parameter;
        }
        Object equals = condition instanceof Map<?, ?> map ? map.get("Fn::Equals") : null;
        if ("1".equals(String.valueOf(ceiling)) && equals instanceof List<?> pair && pair.size() == 2
                && pair.get(0) instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name
                && equalsParameter(condition, name, "1")) {
            return name;
        }
        problems.add(function + "'s reserved concurrency " + reserved + " is not its parameter under the condition"
                + " that the parameter is not 0");
        return null;
    }

    private static boolean equalsParameter(Object condition, String parameter, String value) {
        Object pair = condition instanceof Map<?, ?> map ? map.get("Fn::Equals") : null;
        return pair instanceof List<?> list && list.size() == 2 && Map.of("Ref", parameter).equals(list.get(0))
                && value.equals(String.valueOf(list.get(1)));
    }

    /** The parameter's default, which must reserve (a ceiling by default); 0 must be allowed (accounts at quota 10). */
    private long defaultCeiling(String parameter, List<String> problems) {
        Object declared = template.at("Parameters", parameter);
        if (!(declared instanceof Map<?, ?> map)) {
            problems.add(parameter + " is no parameter");
            return 0;
        }
        long ceiling;
        try {
            ceiling = Long.parseLong(String.valueOf(map.get("Default")));
        } catch (NumberFormatException e) {
            problems.add(parameter + "'s default " + map.get("Default") + " is no number of instances");
            return 0;
        }
        if (ceiling < 1) {
            problems.add(parameter + " reserves nothing by default: no ceiling on cost unless someone sets one");
        }
        Object allowedValues = map.get("AllowedValues");
        boolean zeroAllowed = allowedValues instanceof List<?> values
                ? values.stream().anyMatch(value -> "0".equals(String.valueOf(value)))
                : "Number".equals(map.get("Type")) && "0".equals(String.valueOf(map.get("MinValue")));
        if (!zeroAllowed) {
            problems.add(parameter + " does not allow 0, so an account whose quota is " + KEPT_UNRESERVED
                    + " or less cannot deploy at all");
        }
        return Math.max(ceiling, 0);
    }

    private Set<String> listed(List<String> problems) {
        Object listed = template.at("Metadata", CONCURRENCY_SETTINGS);
        if (!(listed instanceof List<?> names)) {
            problems.add("the template's Metadata has no list " + CONCURRENCY_SETTINGS + " for deploy.sh");
            return Set.of();
        }
        Set<String> result = new TreeSet<>();
        names.forEach(name -> result.add(String.valueOf(name)));
        return result;
    }
}
