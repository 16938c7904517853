package cn.campaign.warehouse.ingest;

import java.nio.file.Path;

/** A file found in the inbox, with the digest that identifies its content. */
public record InboxFile(Path path, String name, String sha256) {
}
