package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryName;
import cn.campaign.warehouse.ingest.Digests;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Finds the inbox files not seen before, in the contract's order (business date, source, sequence, file name).
 * A file modified within the settle time may still be being copied in and waits for the next run; so does an entry
 * that cannot be read yet (no permission, a broken link, a folder): each is named with its reason on every run and
 * blocks nothing. Hidden files (a leading dot, as copy tools name partial files) are never deliveries. The inbox
 * itself is never modified, and it keeps every night of a campaign: a file seen before with the same name, size,
 * modification time and status-change time is not read again (rewriting a file's bytes changes its status-change
 * time even when a copy tool restores the modification time, so a fixed re-delivery is always read).
 */
final class InboxScanner {

    private final long settleSeconds;
    private final LongConsumer newBytes;
    private long bytesToRead;

    InboxScanner(long settleSeconds) {
        this(settleSeconds, total -> { });
    }

    /**
     * {@code newBytes} hears the bytes of the files the scan reads (those not seen before with the same name, size
     * and times), as their running total before each is read: how large the run's work is, known early.
     */
    InboxScanner(long settleSeconds, LongConsumer newBytes) {
        this.settleSeconds = settleSeconds;
        this.newBytes = newBytes;
    }

    /** What a scan found: the new files to process, and the entries that wait, each with why. */
    record Scan(List<InboxFile> files, List<Waiting> waiting) {
    }

    /** An inbox entry left for a later run, and why. */
    record Waiting(String file, String reason) {

        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    Scan scan(Path inbox, Ledger ledger, Instant now) throws IOException {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalArgumentException("the inbox folder " + inbox.toAbsolutePath() + " does not exist; "
                    + "pass --inbox DIR with the folder the regional systems deliver to");
        }
        List<InboxFile> files = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        try (Stream<Path> entries = Files.list(inbox)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String problem = examine(path, name, ledger, now, files);
                if (problem != null) {
                    waiting.add(new Waiting(name, problem));
                }
            }
        }
        files.sort(Comparator.comparing((InboxFile f) -> orderKey(f.name())).thenComparing(InboxFile::name));
        return new Scan(files, waiting);
    }

    /** Adds the entry to {@code files} when it is new and readable; else says why it waits (null: seen before). */
    private String examine(Path path, String name, Ledger ledger, Instant now, List<InboxFile> files) {
        BasicFileAttributes found;
        try {
            found = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(path) ? "a link to a file that does not exist; it is read once the file "
                    + "it points to is there" : null;
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + "); it is read once it can be";
        }
        if (found.isDirectory()) {
            return "is a folder, not a delivery archive; deliveries are files at the top of the inbox";
        }
        if (!found.isRegularFile()) {
            return "is not a regular file; deliveries are plain archive files";
        }
        // kept to the millisecond: the ledger's timestamps hold microseconds and would round finer times
        Instant modifiedAt = found.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
        Instant changedAt = statusChangeTime(path);
        // a time in the future is a wrong clock, not a copy under way: such a file would otherwise never load
        if (modifiedAt.isAfter(now.minusSeconds(settleSeconds)) && !modifiedAt.isAfter(now)) {
            long age = Math.max(0, Duration.between(modifiedAt, now).toSeconds());
            return "modified " + age + " s ago and may still be being copied; it is read once unchanged for "
                    + settleSeconds + " s";
        }
        if (ledger.hasSeenAsFound(name, found.size(), modifiedAt, changedAt)) {
            return null;
        }
        bytesToRead += found.size();
        newBytes.accept(bytesToRead);
        String sha256;
        try {
            sha256 = Digests.sha256(path);
        } catch (AccessDeniedException e) {
            return "cannot be read: permission denied; it is read once the warehouse's user may read it";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + "); it is read once it can be";
        }
        if (!ledger.hasSeen(name, sha256)) {
            files.add(new InboxFile(path, name, sha256, found.size(), modifiedAt, changedAt));
        } else {
            // a file seen before it was recorded as found (an older release, or a copy that moved its times) is
            // recorded now, so that the next scans need not read it again
            ledger.recordAsFound(name, sha256, found.size(), modifiedAt, changedAt);
        }
        return null;
    }

    /** The time the file's bytes or attributes last changed, which no copy tool can set; null where unknown. */
    private static Instant statusChangeTime(Path path) {
        try {
            Object ctime = Files.getAttribute(path, "unix:ctime");
            return ctime instanceof FileTime time ? time.toInstant().truncatedTo(ChronoUnit.MICROS) : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Business date, source and zero-padded sequence; unreadable names sort first and are quarantined. */
    private static String orderKey(String fileName) {
        Optional<DeliveryName> name = DeliveryName.parse(fileName);
        return name.map(n -> n.businessDate() + "|" + n.sourceId() + "|" + String.format("%010d", n.sequence()))
                .orElse("");
    }
}
