package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.text.Printable;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What became of one inbox file: a row of the ledger analysts read. {@code accepted} deliveries are staged under
 * {@code stagingKey}; a quarantined delivery whose rejects are kept has a staging key too. {@code fileSize} and
 * {@code fileModifiedAt}, {@code fileChangedAt} are as the file was found (null for files seen before they were
 * recorded); {@code redacted} counts the free-text values whose personal numbers were redacted (export contract §6).
 * Serializable, because the load job gathers the outcomes of its partitions in their execution contexts.
 */
public record DeliveryRecord(String fileName, String sha256, String sourceId, LocalDate businessDate, Integer sequence,
                             DeliveryStatus status, DeliveryReason reason, Long records, Long rejected, Long redacted,
                             Instant seenAt, String message, String stagingKey, Long fileSize,
                             Instant fileModifiedAt, Instant fileChangedAt) implements Serializable {

    public boolean accepted() {
        return status == DeliveryStatus.LOADED || status == DeliveryStatus.REPLACED;
    }

    /** One line for the operator: what happened and why. */
    public String summary() {
        String outcome = switch (status) {
            case LOADED, REPLACED -> "loaded";
            case SKIPPED -> "skipped (" + reason + ")";
            case QUARANTINED -> "quarantined (" + reason + ")";
        };
        StringBuilder line = new StringBuilder(Printable.line(fileName)).append(": ").append(outcome);
        if (records != null) {
            line.append(", ").append(records).append(" records, ").append(rejected).append(" rejected");
        }
        if (message != null && status != DeliveryStatus.LOADED) {
            line.append(" - ").append(Printable.line(message));
        }
        return line.toString();
    }
}
