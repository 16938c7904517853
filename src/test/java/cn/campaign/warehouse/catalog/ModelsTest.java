package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campaign.warehouse.validate.Entity;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {

    private final List<Model> models = Models.all();

    @Test
    void everySqlFileHasItsModelFileAndEveryModelFileBesideSqlHasItsStatement() {
        // given
        Map<String, Model> byName = models.stream().collect(Collectors.toMap(Model::name, model -> model));

        // then
        for (String layer : List.of("staging", "warehouse", "intermediate", "marts")) {
            for (String name : SqlFolder.read(layer).keySet()) {
                assertThat(byName).as("sql/" + layer + "/" + name + ".yml").containsKey(name);
                assertThat(byName.get(name).layer()).isEqualTo(layer);
                assertThat(byName.get(name).key()).as(name + " declares its key").isNotEmpty();
            }
        }
        assertThat(models.stream().filter(model -> !model.layer().equals("operations"))
                .allMatch(model -> SqlFolder.read(model.layer()).containsKey(model.name()))).isTrue();
    }

    @Test
    void modelsInAJarAreReadOnceAndModelsInAFolderAtEveryCall(@TempDir Path temp) throws Exception {
        // given a model file in a jar, and one in a folder, each on a class loader of its own
        Path jar = temp.resolve("models.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(file)) {
            // the folders too, as Maven's jar lists them: the class path is searched from the root folder sql/
            entries.putNextEntry(new JarEntry("sql/"));
            entries.putNextEntry(new JarEntry("sql/marts/"));
            entries.putNextEntry(new JarEntry("sql/marts/extra_in_jar.yml"));
            entries.write("key: [id]\nmaterialized: table\n".getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        Path folder = Files.createDirectories(temp.resolve("classes/sql/marts"));
        Files.writeString(folder.resolve("extra_in_folder.yml"), "key: [id]\nmaterialized: table\n");
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader fromJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             URLClassLoader fromFolder = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()},
                     null)) {
            // when each is asked twice
            Thread.currentThread().setContextClassLoader(fromJar);
            List<Model> first = Models.all();
            List<Model> again = Models.all();
            Thread.currentThread().setContextClassLoader(fromFolder);
            List<Model> before = Models.all();
            Files.writeString(folder.resolve("added_later.yml"), "key: [id]\nmaterialized: table\n");
            List<Model> after = Models.all();

            // then the jar's models were read once, and the folder's again, finding the file added in between
            assertThat(first).extracting(Model::name).containsExactly("extra_in_jar");
            assertThat(again).isSameAs(first);
            assertThat(before).extracting(Model::name).containsExactly("extra_in_folder");
            assertThat(after).extracting(Model::name).containsExactly("added_later", "extra_in_folder");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void aWindowWhoseFeedHoldsNoIdentityColumnOfItsOwnIsRefusedWithTheModelFilesName(@TempDir Path temp)
            throws Exception {
        // given a model file whose only identity column comes from its feed's window
        Path folder = Files.createDirectories(temp.resolve("classes/sql/intermediate"));
        Files.writeString(folder.resolve("int_windowed.yml"), """
                key: [campaign_id]
                materialized: incremental
                incremental:
                  identity: [campaign_id]
                  feeds:
                    - {from: fact_graduate_service, identity: [campaign_id],
                       window: {dimension: dim_campaign, key: campaign_id, date: service_date, start: start_date,
                                end: end_date}}
                """);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);

            // when the models are read, then the file is named with what is wrong in it
            assertThatThrownBy(Models::all).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the model file sql/intermediate/int_windowed.yml cannot be read")
                    .hasMessageContaining("the feed fact_graduate_service declares a window, so its identity must "
                            + "name the window's key campaign_id and at least one column of its own");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void everyTableTheLoaderKnowsByItsRoleIsDeclaredByExactlyOneModelFile() {
        for (LoaderTable role : LoaderTable.values()) {
            assertThat(models).extracting(Model::name).as(role.name()).contains(role.table());
        }
        assertThat(LoaderTable.LEDGER.table()).isEqualTo("load_ledger");
        assertThat(LoaderTable.ICEBERG_POINTERS.table()).isEqualTo("iceberg_tables");
    }

    @Test
    void aTableClusteredByColumnsIsOneAWholeBuildWritesAndHoldsThem() {
        assertThat(models).filteredOn(Model::clustered).isNotEmpty().allSatisfy(model -> {
            assertThat(model.layer()).as(model.name() + " cluster_by").isIn("warehouse", "intermediate");
            assertThat(model.materialized()).as(model.name() + " cluster_by").isIn("table", "incremental");
            assertThat(model.columns()).as(model.name() + " cluster_by")
                    .containsKeys(model.clusterBy().toArray(String[]::new));
        });
    }

    @Test
    void incrementalTablesNameTheirIdentityAndWhatFeedsThem() {
        Map<String, Model> byName = models.stream().collect(Collectors.toMap(Model::name, model -> model));
        for (Model model : models) {
            if ("incremental".equals(model.materialized())) {
                assertThat(model.incremental().identity()).as(model.name()).isNotEmpty();
                if (model.layer().equals("staging")) {
                    assertThat(Entity.fromCode(model.incremental().entity())).as(model.name()).isNotNull();
                } else {
                    // a feed is a table of a layer below: the staging layer, or the star for an intermediate table
                    List<String> below = model.layer().equals("intermediate")
                            ? List.of("staging", "warehouse") : List.of("staging");
                    assertThat(model.incremental().feeds()).as(model.name()).isNotEmpty();
                    assertThat(model.incremental().feeds()).allSatisfy(feed -> {
                        Model fed = byName.get(feed.from());
                        assertThat(fed).as(model.name() + " feed " + feed.from()).isNotNull();
                        assertThat(below).as(model.name() + " feed " + feed.from()).contains(fed.layer());
                        if (!fed.layer().equals("staging")) {
                            assertThat(fed.columns()).as(model.name() + " feed " + feed.from())
                                    .containsKeys(feed.columns().toArray(String[]::new));
                        }
                        // a window gives one identity column from a dimension's member whose days hold the row's date
                        Model.Window window = feed.window();
                        if (window != null) {
                            assertThat(fed.layer()).as(model.name() + " window of " + feed.from())
                                    .isNotEqualTo("staging");
                            assertThat(feed.identity()).as(model.name() + " window of " + feed.from())
                                    .contains(window.key()).hasSize(model.incremental().identity().size());
                            assertThat(fed.columns()).as(model.name() + " window of " + feed.from())
                                    .containsKey(window.date());
                            assertThat(byName.get(window.dimension()).columns())
                                    .as(model.name() + " window over " + window.dimension())
                                    .containsKeys(window.key(), window.start(), window.end());
                        }
                    });
                    // an identity hash is a column of the table, computed by the statement as the model file says
                    Model.IdentityHash hash = model.incremental().identityHash();
                    if (hash != null) {
                        assertThat(model.columns()).as(model.name() + " identity_hash").containsKey(hash.column());
                        assertThat(SqlFolder.read(model.layer()).get(model.name()))
                                .as(model.name() + " identity_hash").contains(hash.of() + " as " + hash.column());
                    }
                    // a feed read only without rows of another names an earlier feed of the same table
                    List<Model.Feed> feeds = model.incremental().feeds();
                    for (int i = 0; i < feeds.size(); i++) {
                        if (feeds.get(i).onlyWithout() != null) {
                            assertThat(feeds.subList(0, i)).as(model.name() + " feed " + feeds.get(i).from())
                                    .extracting(Model.Feed::from).contains(feeds.get(i).onlyWithout().from());
                        }
                    }
                    // a table whose rows before a continued history's kept row stay has one such feed, a staging
                    // table that continues histories, and looks nothing up that could change the rows kept
                    List<Model.Feed> keeping = feeds.stream().filter(feed -> feed.keptBefore() != null).toList();
                    if (!keeping.isEmpty()) {
                        assertThat(keeping).as(model.name() + " kept_before").hasSize(1);
                        assertThat(model.incremental().lookups()).as(model.name() + " lookups").isEmpty();
                        Model fed = byName.get(keeping.get(0).from());
                        assertThat(fed.incremental().continues()).as(keeping.get(0).from() + " continues")
                                .isNotNull();
                        assertThat(model.columns()).containsKey(keeping.get(0).keptBefore());
                    }
                    // a table of sums adds up the changes of one kept feed: its columns are its key and its sums,
                    // and it looks nothing up by key
                    Model.Additive additive = model.incremental().additive();
                    if (additive != null) {
                        assertThat(feeds).as(model.name() + " additive").hasSize(1);
                        assertThat(byName.get(feeds.get(0).from()).layer()).as(model.name() + " additive")
                                .isNotEqualTo("staging");
                        assertThat(model.columns().keySet()).as(model.name() + " additive").containsExactlyInAnyOrder(
                                Stream.concat(model.key().stream(), additive.columns().stream())
                                        .toArray(String[]::new));
                        assertThat(model.incremental().lookups()).as(model.name() + " additive")
                                .allMatch(Model.Lookup::touchesEveryIdentity);
                    }
                    assertThat(model.incremental().lookups()).allSatisfy(lookup -> {
                        assertThat(byName).as(model.name() + " lookup").containsKey(lookup.dimension());
                        // a member new tonight touches no kept row only where rows name their member by a key
                        assertThat(lookup.inferredMembers() && lookup.touchesEveryIdentity())
                                .as(model.name() + " inferred members of a lookup without a key").isFalse();
                        if (!lookup.touchesEveryIdentity()) {
                            assertThat(byName.get(lookup.dimension()).columns()).containsKey(lookup.key())
                                    .containsKeys(lookup.reads().toArray(String[]::new));
                        }
                    });
                }
            }
        }
    }

    @Test
    void reportViewsArePublishedOnlyWhereTheirKeyIsTested() {
        assertThat(Models.published()).extracting(Model::name).containsExactly("campaign_totals",
                "cumulative_progress", "daily_region_report", "difficulty_push_compliance",
                "institution_visit_compliance");
        assertThat(Models.published()).allSatisfy(model -> assertThat(model.tests()).contains("unique_key"));
    }

    @Test
    void everyPublishedColumnHasAChineseCaptionAndItsNamesAreFoundInAModel() {
        Map<String, Model> byName = models.stream().collect(Collectors.toMap(Model::name, model -> model));
        for (Model view : Models.published()) {
            assertThat(view.caption()).as(view.name() + " caption").isNotBlank();
            view.columns().forEach((name, column) -> {
                assertThat(column.caption()).as(view.name() + "." + name + " caption").isNotBlank()
                        .matches(caption -> caption.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                                == Character.UnicodeScript.HAN), "is Chinese");
                if (column.names() != null) {
                    String[] source = column.names().split("\\.");
                    assertThat(byName).as(column.names()).containsKey(source[0]);
                    assertThat(byName.get(source[0]).columns()).as(column.names()).containsKeys(name, source[1]);
                }
            });
        }
    }
}
