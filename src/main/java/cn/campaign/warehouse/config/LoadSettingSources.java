package cn.campaign.warehouse.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where a key of {@code jobs/load.properties} takes its value, in Spring Boot's order: a {@code -D} system property
 * ({@code -Dcampaign.inbox.settle.seconds=0}) wins over an environment variable ({@code
 * CAMPAIGN_INBOX_SETTLE_SECONDS=0}, matched the way Spring's relaxed binding matches them), which wins over the file.
 * The prefix keeps the warehouse's keys apart from every other program's variables.
 */
final class LoadSettingSources {

    static final String PREFIX = "campaign.";

    private final List<PropertySource<?>> sources;

    private LoadSettingSources(List<PropertySource<?>> sources) {
        this.sources = sources;
    }

    static LoadSettingSources of(Map<String, String> environment, Properties systemProperties, Properties file,
                                 String fileName, Map<String, String> overrides) {
        Properties prefixedFile = new Properties();
        file.stringPropertyNames().forEach(key -> prefixedFile.setProperty(PREFIX + key, file.getProperty(key)));
        Map<String, Object> prefixedOverrides = new HashMap<>();
        overrides.forEach((key, value) -> prefixedOverrides.put(PREFIX + key, value));
        Map<String, Object> environmentValues = new HashMap<>(environment);
        return new LoadSettingSources(List.of(
                new MapPropertySource("the command", prefixedOverrides),
                new PropertiesPropertySource("the system property -D", systemProperties),
                new SystemEnvironmentPropertySource("the environment variable", environmentValues),
                new PropertiesPropertySource(fileName, prefixedFile)));
    }

    /** The value of {@code key} (a key of load.properties, without prefix) and where it came from. */
    Optional<Value> find(String key) {
        String name = PREFIX + key;
        for (PropertySource<?> source : sources) {
            Object value = source.getProperty(name);
            if (value != null) {
                return Optional.of(new Value(key, value.toString().strip(), origin(source, name)));
            }
        }
        return Optional.empty();
    }

    private static String origin(PropertySource<?> source, String name) {
        if (source instanceof SystemEnvironmentPropertySource) {
            return "the environment variable " + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        }
        if (source.getName().startsWith("the system property")) {
            return "the system property -D" + name;
        }
        return source.getName();
    }

    /** A setting's text as given, and where: the sentence an operator needs when it is not valid. */
    record Value(String key, String text, String origin) {

        long asWholeNumber() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid("a whole number");
            }
        }

        double asNumber() {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw invalid("a number");
            }
        }

        IllegalArgumentException invalid(String expected) {
            return new IllegalArgumentException("the setting " + key + " is '" + text + "' in " + origin
                    + ", which is not " + expected);
        }
    }
}
