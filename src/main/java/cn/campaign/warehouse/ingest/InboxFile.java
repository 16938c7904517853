package cn.campaign.warehouse.ingest;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file found in the inbox, with the digest that identifies its content and the size and times it was found with
 * ({@code changedAt}: its status-change time, null where the file system does not tell). Serializable, because the
 * load job keeps the files it found, and each partition's share of them, in its execution contexts.
 */
public record InboxFile(String location, String name, String sha256, long size, Instant modifiedAt,
                        Instant changedAt) implements Serializable {

    public InboxFile(Path path, String name, String sha256, long size, Instant modifiedAt, Instant changedAt) {
        this(path.toString(), name, sha256, size, modifiedAt, changedAt);
    }

    public Path path() {
        return Path.of(location);
    }
}
