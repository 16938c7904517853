package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.catalog.Dictionary;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = "Renders the data dictionary (every table, view and column with its type and meaning) from "
                + "the catalog this version builds, as Markdown.")
final class DictionaryCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of to standard output, "
            + "e.g. docs/data-dictionary.md")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path scratch = Files.createTempDirectory("campaign-dictionary");
        try (WarehouseBuild build = WarehouseBuild.emptySchema(options.config(), scratch)) {
            build.buildReportViews();
            build.document();
            String markdown = Dictionary.render(build.connection());
            if (out == null) {
                System.out.print(markdown);
            } else {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
                System.out.println("wrote " + out);
            }
        } finally {
            Folders.deleteTree(scratch);
        }
        return 0;
    }
}
