import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * What an analyst's own DuckDB client does: open the catalog read-only and read each object named. Run by
 * DuckDbClientsIT with an older DuckDB driver on the class path, in a process of its own.
 */
public class ReadReportViews {

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], properties);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select version()")) {
                rows.next();
                System.out.println("client " + rows.getString(1));
            }
            for (int i = 1; i < args.length; i++) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + args[i])) {
                    rows.next();
                    System.out.println(args[i] + " " + rows.getLong(1));
                }
            }
        }
    }
}
