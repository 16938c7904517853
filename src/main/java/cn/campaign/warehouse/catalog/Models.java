package cn.campaign.warehouse.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/** The model files of the project's {@code sql/} folder, as built into the jar (or added to the class path). */
public final class Models {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The models each class loader found in jars, read once: finding them lists every entry of the jar, about 25 ms,
     * and a load asks dozens of times. A jar does not change under a running process; a folder on the class path
     * (a developer's build, a test adding a model) may, so what a folder holds is read at every call.
     */
    private static final Map<ClassLoader, List<Model>> READ = Collections.synchronizedMap(new WeakHashMap<>());

    private Models() {
    }

    /** Every model, by layer then name. */
    public static List<Model> all() {
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        List<Model> read = READ.get(loader);
        if (read != null) {
            return read;
        }
        Resource[] files = resources("classpath*:sql/*/*.yml");
        List<Model> models = new ArrayList<>();
        try {
            for (Resource file : Arrays.stream(files).sorted(Comparator.comparing(Models::pathOf)).toList()) {
                models.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model files under sql/: " + e.getMessage(), e);
        }
        if (allInJars(files)) {
            List<Model> kept = List.copyOf(models);
            READ.put(loader, kept);
            return kept;
        }
        return models;
    }

    /**
     * The application's resolver, kept: it lists the entries of a jar once (the application's jar holds 36,000), where
     * a new resolver for each of the eight patterns a load asks first listed them eight times, half a second of CPU
     * at the start of every night. A folder's files it still lists at every call.
     */
    private static final PathMatchingResourcePatternResolver APPLICATION_RESOLVER =
            new PathMatchingResourcePatternResolver(Models.class.getClassLoader());

    /** The resources matching a pattern on the class path. */
    static Resource[] resources(String pattern) {
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        PathMatchingResourcePatternResolver resolver = loader == Models.class.getClassLoader() ? APPLICATION_RESOLVER
                : new PathMatchingResourcePatternResolver(loader);
        try {
            return resolver.getResources(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pattern + ": " + e.getMessage(), e);
        }
    }

    /** Whether every resource lies in a jar, which does not change while the process runs. */
    static boolean allInJars(Resource[] resources) {
        for (Resource resource : resources) {
            try {
                if (!"jar".equals(resource.getURL().getProtocol())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The report views, in name order. */
    public static List<Model> published() {
        return all().stream().filter(Model::published).sorted(Comparator.comparing(Model::name)).toList();
    }

    private static Model read(Resource file) throws IOException {
        String path = pathOf(file);
        String[] parts = path.split("/");
        String name = parts[parts.length - 1].substring(0, parts[parts.length - 1].length() - 4);
        try {
            ObjectNode node = (ObjectNode) YAML.readTree(file.getContentAsByteArray());
            node.put("name", name);
            node.put("layer", parts[parts.length - 2]);
            return YAML.treeToValue(node, Model.class);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the model file sql/" + parts[parts.length - 2] + "/" + name
                    + ".yml cannot be read: " + e.getMessage(), e);
        }
    }

    private static String pathOf(Resource file) {
        try {
            String url = file.getURL().toString();
            return url.substring(url.lastIndexOf("sql/"));
        } catch (IOException e) {
            return String.valueOf(file.getFilename());
        }
    }
}
