package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import cn.campaign.warehouse.job.LoadLauncher;
import cn.campaign.warehouse.job.Outcomes;
import java.util.Locale;

/** The one line a night operator reads last: what the run did with the inbox, how long it took, what readers see. */
final class LoadSummary {

    private LoadSummary() {
    }

    static String of(LoadLauncher.Result result, double seconds) {
        long loaded = count(result, DeliveryStatus.LOADED) + count(result, DeliveryStatus.REPLACED);
        long records = result.files().stream().filter(file -> file.records() != null)
                .mapToLong(DeliveryRecord::records).sum();
        long rejected = result.files().stream().filter(file -> file.rejected() != null)
                .mapToLong(DeliveryRecord::rejected).sum();
        long skipped = count(result, DeliveryStatus.SKIPPED);
        long quarantined = count(result, DeliveryStatus.QUARANTINED);
        String line = String.format(Locale.ROOT, "summary: %d loaded, %d skipped, %d quarantined, %d waiting; "
                        + "%,d records, %,d rejected; %.1f s; %s", loaded, skipped, quarantined, result.waiting(),
                records, rejected, seconds, result.committedVersion() == null
                        ? "nothing new to commit, readers see the same state"
                        : "readers now see " + result.committedVersion());
        Outcomes.run(line, loaded, skipped, quarantined, result.waiting(), records, rejected, seconds,
                result.committedVersion());
        return line;
    }

    private static long count(LoadLauncher.Result result, DeliveryStatus status) {
        return result.files().stream().filter(file -> file.status() == status).count();
    }
}
