package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.config.Campaign;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import cn.campaign.warehouse.validate.Codes;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The reference tables a build starts from: the provinces of GB/T 2260, and the operator's source registry and
 * campaign calendar ({@code jobs/}), as the loader's own tables that the dimensions read.
 */
final class ReferenceTables {

    private ReferenceTables() {
    }

    static void load(Connection connection, OperatorConfig config) throws SQLException {
        execute(connection, "create or replace table " + LoaderTable.PROVINCES.table()
                + " (province_code varchar primary key, province_name varchar)");
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into " + LoaderTable.PROVINCES.table() + " values (?, ?)")) {
            for (Map.Entry<String, String> province : Codes.PROVINCES.entrySet()) {
                insert.setString(1, province.getKey());
                insert.setString(2, province.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        execute(connection, "create or replace table " + LoaderTable.SOURCES.table()
                + " (source_id varchar primary key, kind varchar, name varchar, province_code varchar)");
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into " + LoaderTable.SOURCES.table() + " values (?, ?, ?, ?)")) {
            for (Source source : config.sources()) {
                insert.setString(1, source.sourceId());
                insert.setString(2, source.kind());
                insert.setString(3, source.name());
                insert.setString(4, source.provinceCode());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        execute(connection, "create or replace table " + LoaderTable.CAMPAIGNS.table()
                + " (campaign_id varchar primary key, name varchar, start_date date, end_date date, cohort integer)");
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into " + LoaderTable.CAMPAIGNS.table() + " values (?, ?, ?, ?, ?)")) {
            for (Campaign campaign : config.campaigns()) {
                insert.setString(1, campaign.campaignId());
                insert.setString(2, campaign.name());
                insert.setDate(3, Date.valueOf(campaign.startDate()));
                insert.setDate(4, Date.valueOf(campaign.endDate()));
                insert.setInt(5, campaign.cohort());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
