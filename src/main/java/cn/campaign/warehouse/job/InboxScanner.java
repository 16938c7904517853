package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryName;
import cn.campaign.warehouse.ingest.Digests;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the inbox files not seen before, in the contract's order (business date, source, sequence, file name).
 * A file modified within the settle time may still be being copied in and waits for the next run; hidden files
 * (a leading dot, as copy tools name partial files) are never deliveries. The inbox itself is never modified, and
 * it keeps every night of a campaign: a file seen before with the same name, size and time is not read again.
 */
final class InboxScanner {

    private final long settleSeconds;

    InboxScanner(long settleSeconds) {
        this.settleSeconds = settleSeconds;
    }

    List<InboxFile> scan(Path inbox, Ledger ledger, Instant now) throws IOException {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("the inbox folder " + inbox.toAbsolutePath() + " does not exist; "
                    + "pass --inbox DIR with the folder the regional systems deliver to");
        }
        List<InboxFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(inbox)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                BasicFileAttributes found = Files.readAttributes(path, BasicFileAttributes.class);
                // kept to the millisecond: the ledger's timestamps hold microseconds and would round finer times
                Instant modifiedAt = found.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
                if (name.startsWith(".") || !found.isRegularFile() || modifiedAt.isAfter(now.minusSeconds(settleSeconds))
                        || ledger.hasSeenAsFound(name, found.size(), modifiedAt)) {
                    continue;
                }
                String sha256 = Digests.sha256(path);
                if (!ledger.hasSeen(name, sha256)) {
                    files.add(new InboxFile(path, name, sha256, found.size(), modifiedAt));
                }
            }
        }
        files.sort(Comparator.comparing((InboxFile f) -> orderKey(f.name())).thenComparing(InboxFile::name));
        return files;
    }

    /** Business date, source and zero-padded sequence; unreadable names sort first and are quarantined. */
    private static String orderKey(String fileName) {
        Optional<DeliveryName> name = DeliveryName.parse(fileName);
        return name.map(n -> n.businessDate() + "|" + n.sourceId() + "|" + String.format("%010d", n.sequence()))
                .orElse("");
    }
}
