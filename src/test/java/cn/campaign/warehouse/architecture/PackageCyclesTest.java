package cn.campaign.warehouse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each stage's package owns its stage end to end; none reaches back into a package that depends on it. Read from the
 * sources' imports (and same-named references written in full), so a cycle fails the build where it is added.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/cn/campaign/warehouse");
    private static final Pattern REFERENCE = Pattern.compile("cn\\.campaign\\.warehouse\\.([a-z]+)\\.");

    @Test
    void noPackageDependsOnOneThatDependsOnIt() throws Exception {
        // given
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(own)) {
                        uses.computeIfAbsent(own, p -> new TreeSet<>()).add(matcher.group(1));
                    }
                }
            }
        }

        // when
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycles(start, start, uses, new ArrayList<>(List.of(start)), cycles);
        }

        // then
        assertThat(uses).as("packages read").containsKeys("ingest", "catalog", "job", "cli");
        assertThat(cycles).isEmpty();
    }

    private static void findCycles(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                   List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                findCycles(start, next, uses, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
