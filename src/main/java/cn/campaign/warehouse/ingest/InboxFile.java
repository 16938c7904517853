package cn.campaign.warehouse.ingest;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file found in the inbox, with the digest that identifies its content and the size and times it was found with
 * ({@code changedAt}: its status-change time, null where the file system does not tell).
 */
public record InboxFile(Path path, String name, String sha256, long size, Instant modifiedAt, Instant changedAt) {
}
