/**
 * The shared catalog: a PostgreSQL database that several machines and engines use together. It holds Iceberg's JDBC
 * catalog of the star (Spark and Trino read the tables through it), the Spring Batch job history (so a standby
 * machine continues the nightly schedule and {@code status} tells the last run from anywhere), and the advisory lock
 * that keeps the nightly load the only writer across machines.
 */
package cn.campaign.warehouse.shared;
