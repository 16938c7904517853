package cn.campaign.warehouse.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every inbox file the warehouse has seen, and from it what the contract's skip rules need: which contents were
 * accepted, and the highest accepted sequence of each source and business date. Safe to share between the
 * partitions of a run that stage deliveries side by side. Not final: the load job shares it as a job-scoped
 * (proxied) bean.
 */
public class Ledger {

    private final List<DeliveryRecord> records = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> seenAsFound = new HashSet<>();
    private final Set<String> acceptedDigests = new HashSet<>();
    private final Map<String, Integer> highestAccepted = new HashMap<>();

    public Ledger(List<DeliveryRecord> committed) {
        committed.forEach(this::add);
    }

    public synchronized void add(DeliveryRecord record) {
        records.add(record);
        seen.add(record.fileName() + '\u0000' + record.sha256());
        if (record.fileSize() != null && record.fileModifiedAt() != null && record.fileChangedAt() != null) {
            seenAsFound.add(asFound(record.fileName(), record.fileSize(), record.fileModifiedAt(),
                    record.fileChangedAt()));
        }
        if (record.accepted()) {
            acceptedDigests.add(record.sha256());
            highestAccepted.merge(slot(record.sourceId(), record.businessDate()), record.sequence(), Math::max);
        }
    }

    public synchronized boolean hasSeen(String fileName, String sha256) {
        return seen.contains(fileName + '\u0000' + sha256);
    }

    /**
     * Whether a file of this name, size, modification time and status-change time was seen: such a file need not
     * be read again to know it was handled. The status-change time is what makes this safe: {@code cp -p} or
     * {@code rsync -a} restore a fixed file's modification time, and a stored zip or a tar may keep its size, but
     * writing the bytes always moves the status-change time. Without one (null), the file is always read.
     */
    public synchronized boolean hasSeenAsFound(String fileName, long size, Instant modifiedAt, Instant changedAt) {
        return changedAt != null && seenAsFound.contains(asFound(fileName, size, modifiedAt, changedAt));
    }

    private static String asFound(String fileName, long size, Instant modifiedAt, Instant changedAt) {
        return fileName + '\u0000' + size + '\u0000' + modifiedAt.toEpochMilli() + '\u0000'
                + changedAt;
    }

    /** Records how a file already seen was found now: its size and times, if they differ from the recorded ones. */
    public synchronized void recordAsFound(String fileName, String sha256, long size, Instant modifiedAt,
                                           Instant changedAt) {
        for (int i = 0; i < records.size(); i++) {
            DeliveryRecord r = records.get(i);
            if (r.fileName().equals(fileName) && r.sha256().equals(sha256)) {
                DeliveryRecord found = new DeliveryRecord(r.fileName(), r.sha256(), r.sourceId(), r.businessDate(),
                        r.sequence(), r.status(), r.reason(), r.records(), r.rejected(), r.redacted(), r.seenAt(),
                        r.message(), r.stagingKey(), size, modifiedAt, changedAt);
                if (!found.equals(r)) {
                    records.set(i, found);
                    if (changedAt != null) {
                        seenAsFound.add(asFound(fileName, size, modifiedAt, changedAt));
                    }
                }
                return;
            }
        }
    }

    public synchronized boolean isAcceptedContent(String sha256) {
        return acceptedDigests.contains(sha256);
    }

    /** The highest sequence accepted for the source and date, 0 when none. */
    public synchronized int highestAcceptedSequence(String sourceId, LocalDate businessDate) {
        return highestAccepted.getOrDefault(slot(sourceId, businessDate), 0);
    }

    public synchronized List<DeliveryRecord> records() {
        return List.copyOf(records);
    }

    private static String slot(String sourceId, LocalDate businessDate) {
        return sourceId + '\u0000' + businessDate;
    }
}
