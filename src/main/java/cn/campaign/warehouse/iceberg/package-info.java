/**
 * The star schema as Apache Iceberg v2 tables under {@code warehouse/star/}, for the engines other than DuckDB that
 * read the warehouse. Each load appends what it wrote, with position deletes for the rows it replaced, and the
 * tables' current metadata is recorded in the catalog file the load commits, so every table moves in the one rename
 * that commits the load.
 */
package cn.campaign.warehouse.iceberg;
