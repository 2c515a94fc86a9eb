package dev.pinhole.tickets;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Lifetime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lifetimes a deployment lets an uploader choose, read from {@link TicketConfig#LIFETIMES} and
 * {@link TicketConfig#DEFAULT_LIFETIME}. A lifetime is written as an {@code Optional<Lifetime>} throughout the
 * ticket function: empty means {@value Lifetime#FOREVER}, kept until deleted, which core has no Lifetime for.
 *
 * @param lifetimes       the listed lifetimes, shortest first, without forever
 * @param foreverAllowed  whether an uploader may keep an image until it is deleted
 * @param defaultLifetime what a request without a lifetime gets (empty = forever)
 */
public record LifetimeChoices(List<Lifetime> lifetimes, boolean foreverAllowed, Optional<Lifetime> defaultLifetime) {
    /** What a deployment offers when it says nothing: forever (the default) and three lifetimes. */
    public static final String DEFAULT_LIST = "forever,1d,7d,30d";

    public LifetimeChoices {
        lifetimes = lifetimes.stream().distinct().sorted(Comparator.comparingInt(Lifetime::days)).toList();
        if (lifetimes.isEmpty() && !foreverAllowed) {
            throw new ConfigurationException(TicketConfig.LIFETIMES + " lists no lifetime");
        }
        if (defaultLifetime.isEmpty() ? !foreverAllowed : !lifetimes.contains(defaultLifetime.get())) {
            throw new ConfigurationException(TicketConfig.DEFAULT_LIFETIME + " is '" + label(defaultLifetime)
                    + "', which " + TicketConfig.LIFETIMES + " does not list (it lists " + String.join(", ",
                    labels(lifetimes, foreverAllowed)) + ")");
        }
    }

    /**
     * The choices of a deployment's two settings: {@code list} as in {@value #DEFAULT_LIST}; the default, when
     * not given, is forever if listed, else the shortest listed lifetime.
     */
    static LifetimeChoices parse(String list, Optional<String> defaultSetting) {
        Set<Lifetime> lifetimes = new LinkedHashSet<>();
        boolean forever = false;
        for (String item : TicketConfig.splitList(list)) {
            if (Lifetime.FOREVER.equals(item)) {
                forever = true;
            } else {
                lifetimes.add(Lifetime.parse(item).orElseThrow(() -> new ConfigurationException(TicketConfig.LIFETIMES
                        + ": '" + item + "' is not a lifetime Pinhole supports (" + supported() + ")")));
            }
        }
        List<Lifetime> sorted = new ArrayList<>(lifetimes);
        sorted.sort(Comparator.comparingInt(Lifetime::days));
        Optional<Lifetime> defaultLifetime;
        if (defaultSetting.isPresent()) {
            defaultLifetime = parseDefault(defaultSetting.get());
        } else {
            defaultLifetime = forever || sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get(0));
        }
        return new LifetimeChoices(sorted, forever, defaultLifetime);
    }

    /** Whether the default is among the listed choices is the constructor's check, which names the list. */
    private static Optional<Lifetime> parseDefault(String value) {
        if (Lifetime.FOREVER.equals(value)) {
            return Optional.empty();
        }
        Lifetime lifetime = Lifetime.parse(value).orElseThrow(() -> new ConfigurationException(
                TicketConfig.DEFAULT_LIFETIME + ": '" + value + "' is not a lifetime Pinhole supports ("
                        + supported() + ")"));
        return Optional.of(lifetime);
    }

    /** Whether a request may ask for this lifetime: a listed label, or forever when forever is allowed. */
    boolean allows(String label) {
        if (Lifetime.FOREVER.equals(label)) {
            return foreverAllowed;
        }
        return Lifetime.parse(label).filter(lifetimes::contains).isPresent();
    }

    /** What an uploader may send as "lifetime", forever first when allowed: "forever, 1d, 7d, 30d". */
    List<String> allowedLabels() {
        return labels(lifetimes, foreverAllowed);
    }

    /** The API's spelling of a lifetime: its label, or forever. */
    static String label(Optional<Lifetime> lifetime) {
        return lifetime.map(Lifetime::label).orElse(Lifetime.FOREVER);
    }

    private static List<String> labels(List<Lifetime> lifetimes, boolean forever) {
        List<String> labels = new ArrayList<>();
        if (forever) {
            labels.add(Lifetime.FOREVER);
        }
        lifetimes.forEach(lifetime -> labels.add(lifetime.label()));
        return labels;
    }

    private static String supported() {
        return String.join(", ", labels(Lifetime.SUPPORTED, true));
    }
}
