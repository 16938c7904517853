package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints, on every command: the release and the commit it was built from (what a bug report
 * needs), the DuckDB engine inside and the oldest DuckDB client that opens the catalog, and the Java running it.
 */
final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() throws Exception {
        Properties git = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/campaign-warehouse-git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // the build's record of its commit is optional: a jar built outside a git clone has none
        }
        String commit = git.getProperty("git.commit.id.abbrev", "unknown");
        if (Boolean.parseBoolean(git.getProperty("git.dirty", "false"))) {
            commit += " with uncommitted changes";
        }
        return new String[] {
            "campaign-warehouse " + git.getProperty("git.build.version", "(version unknown)") + " (commit " + commit
                    + ", " + git.getProperty("git.commit.time", "time unknown") + ")",
            "DuckDB " + duckDbVersion() + "; the catalog opens in DuckDB " + Duck.oldestClient() + " and later",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    private static String duckDbVersion() {
        try (Connection connection = Duck.open(null, null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select library_version, source_id from pragma_version()")) {
            rows.next();
            return rows.getString(1) + " (" + rows.getString(2) + ")";
        } catch (SQLException e) {
            return "(not available: " + e.getMessage() + ")";
        }
    }
}
