package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.model.Pseudonymizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of one inbox file, checking it in the order of export contract §5, and stages the records
 * of an accepted delivery under {@code staging/<key>/} (one Parquet file per entity, plus its rejects).
 * Files are expanded in a scratch folder of the run; nothing outside the warehouse's work folders is written.
 */
public final class DeliveryProcessor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    /** The contract's dates are calendar dates in this zone. */
    private static final ZoneId CONTRACT_ZONE = ZoneId.of("Asia/Shanghai");

    private final OperatorConfig config;
    private final Ledger ledger;
    private final Path scratch;
    private final Path staging;
    private final EntityFileStager stager;
    private final ArchiveExtractor extractor;
    private final Clock clock;
    private final String rejectsTable;

    /**
     * @param rejectsTable where analysts read each rejected record, named to the operator when a delivery is refused
     *                     for its reject rate
     */
    public DeliveryProcessor(OperatorConfig config, Ledger ledger, Path scratch, Path staging,
                             Pseudonymizer pseudonymizer, Clock clock, String rejectsTable) {
        this.config = config;
        this.ledger = ledger;
        this.scratch = scratch;
        this.staging = staging;
        this.stager = new EntityFileStager(pseudonymizer, config.maxRecordBytes());
        this.extractor = new ArchiveExtractor(config.archiveLimits());
        this.clock = clock;
        this.rejectsTable = rejectsTable;
    }

    /** Processes the file and records the outcome in the ledger, so that later files of the run see it. */
    public DeliveryRecord process(InboxFile file) {
        DeliveryRecord record = decide(file);
        ledger.add(record);
        return record;
    }

    private DeliveryRecord decide(InboxFile file) {
        Instant seenAt = clock.instant();
        Outcome outcome = new Outcome(file, seenAt);
        DeliveryName name = DeliveryName.parse(file.name()).orElse(null);
        if (ledger.isAcceptedContent(file.sha256())) {
            return outcome.skipped(name, DeliveryReason.ALREADY_LOADED, "the same content was already loaded");
        }
        if (name == null) {
            return outcome.quarantined(null, DeliveryReason.BAD_NAME, "the file name does not follow "
                    + "<source_id>_<YYYYMMDD>_<seq>.<zip|tar.gz|tgz|tar> or names an impossible date");
        }
        LocalDate today = LocalDate.ofInstant(seenAt, CONTRACT_ZONE);
        if (name.businessDate().isAfter(today)) {
            return outcome.quarantined(name, DeliveryReason.BAD_NAME, "the file name's business date "
                    + name.businessDate() + " is after today (" + today + " in Asia/Shanghai): data cannot cover "
                    + "a day that has not begun");
        }
        if (!config.isRegistered(name.sourceId())) {
            return outcome.quarantined(name, DeliveryReason.UNKNOWN_SOURCE, name.sourceId()
                    + " is not in the source registry (" + config.origin() + "/sources.csv)");
        }
        int highest = ledger.highestAcceptedSequence(name.sourceId(), name.businessDate());
        if (name.sequence() <= highest) {
            return outcome.skipped(name, DeliveryReason.STALE_SEQUENCE, "sequence " + name.sequence()
                    + " is not higher than the accepted sequence " + highest);
        }
        String key = stagingKey(name, file.sha256());
        Path expanded = scratch.resolve(key);
        Path stagedFolder = staging.resolve(key);
        try {
            Folders.deleteTree(expanded);
            Folders.deleteTree(stagedFolder);
            Files.createDirectories(expanded);
            Files.createDirectories(stagedFolder);
            try {
                return stage(file, name, expanded, stagedFolder, key, outcome);
            } catch (DeliveryRefusedException e) {
                Folders.deleteTree(stagedFolder);
                return outcome.quarantined(name, e.reason(), e.getMessage());
            } catch (WorkFolderWriteException e) {
                throw e;
            } catch (RuntimeException e) {
                // what a source delivers never fails the run: a delivery this code cannot read is refused, and
                // the cause is logged for the maintainers (its class only: a message may quote delivered data)
                log.error("{} could not be read: {} in {}", file.name(), e.getClass().getName(),
                        e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
                Folders.deleteTree(stagedFolder);
                return outcome.quarantined(name, DeliveryReason.BAD_ARCHIVE, file.name() + " could not be read "
                        + "(internal error " + e.getClass().getSimpleName() + ", logged for the maintainers); ask "
                        + "the source to check it against the export "
                        + "contract and deliver it again");
            } finally {
                Folders.deleteTree(expanded);
            }
        } catch (IOException e) {
            throw new WorkFolderWriteException("the warehouse's work folder, while processing " + file.name() + ",", e);
        }
    }

    private DeliveryRecord stage(InboxFile file, DeliveryName name, Path expanded, Path stagedFolder, String key,
                                 Outcome outcome) throws DeliveryRefusedException, IOException {
        extractor.extract(file.path(), name, expanded);
        Manifest manifest = Manifest.read(expanded);
        Set<String> present;
        try (Stream<Path> files = Files.list(expanded)) {
            present = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        manifest.checkAgainst(name, present);
        for (Manifest.FileEntry entry : manifest.files()) {
            String actual = Digests.sha256(expanded.resolve(entry.name()));
            if (!actual.equals(entry.sha256())) {
                throw new DeliveryRefusedException(DeliveryReason.CHECKSUM_MISMATCH, entry.name()
                        + " has SHA-256 " + actual + " but manifest.json says " + entry.sha256());
            }
        }
        Map<Manifest.FileEntry, EntityFileResult> results = new HashMap<>();
        try (RejectSink rejects = new RejectSink(stagedFolder, file.name())) {
            for (Manifest.FileEntry entry : manifest.files()) {
                Path stagedFile = stagedFolder.resolve(entry.entity().plural() + ".parquet");
                results.put(entry, stager.stage(expanded.resolve(entry.name()), manifest, entry, stagedFile, rejects));
            }
        }
        long records = results.values().stream().mapToLong(EntityFileResult::records).sum();
        long rejected = results.values().stream().mapToLong(EntityFileResult::rejected).sum();
        long redacted = results.values().stream().mapToLong(EntityFileResult::redacted).sum();
        DeliveryRefusedException problem = firstProblem(manifest, results);
        if (problem == null) {
            log.debug("{} staged under {}", file.name(), key);
            return outcome.loaded(name, records, rejected, redacted, key);
        }
        boolean keepRejects = problem.reason() == DeliveryReason.REJECT_RATE_EXCEEDED;
        try (Stream<Path> staged = Files.list(stagedFolder)) {
            for (Path path : staged.toList()) {
                if (!keepRejects || !path.getFileName().toString().equals(RejectSink.FILE_NAME)) {
                    Files.delete(path);
                }
            }
        }
        boolean counted = problem.reason() == DeliveryReason.ROW_COUNT_MISMATCH || keepRejects;
        return outcome.quarantined(name, problem.reason(), problem.getMessage(), counted ? records : null,
                counted ? rejected : null, keepRejects ? key : null);
    }

    /** The delivery's first problem in the contract's order over all its files, or null. */
    private DeliveryRefusedException firstProblem(Manifest manifest,
                                                  Map<Manifest.FileEntry, EntityFileResult> results) {
        DeliveryRefusedException first = null;
        for (Manifest.FileEntry entry : manifest.files()) {
            EntityFileResult result = results.get(entry);
            DeliveryRefusedException problem = null;
            if (result.problem() != null) {
                problem = new DeliveryRefusedException(result.problem(), result.message());
            } else if (result.records() != entry.rows()) {
                problem = new DeliveryRefusedException(DeliveryReason.ROW_COUNT_MISMATCH, entry.name() + " holds "
                        + result.records() + " records but manifest.json says " + entry.rows());
            } else if (result.records() > 0
                    && (double) result.rejected() / result.records() > config.maxRejectRate()) {
                problem = new DeliveryRefusedException(DeliveryReason.REJECT_RATE_EXCEEDED, entry.name() + ": "
                        + result.rejected() + " of " + result.records() + " records rejected, more than "
                        + Math.round(config.maxRejectRate() * 100) + "%; see " + rejectsTable + " for each one");
            }
            if (problem != null && (first == null || problem.reason().compareTo(first.reason()) < 0)) {
                first = problem;
            }
        }
        return first;
    }

    static String stagingKey(DeliveryName name, String sha256) {
        return name.sourceId() + "_" + name.businessDate().toString().replace("-", "") + "_" + name.sequence()
                + "_" + sha256.substring(0, 12);
    }

    /** Builds the ledger row of one file. */
    private record Outcome(InboxFile file, Instant seenAt) {

        DeliveryRecord skipped(DeliveryName name, DeliveryReason reason, String message) {
            return row(name, DeliveryStatus.SKIPPED, reason, message, null, null, null, null);
        }

        DeliveryRecord quarantined(DeliveryName name, DeliveryReason reason, String message) {
            return row(name, DeliveryStatus.QUARANTINED, reason, message, null, null, null, null);
        }

        DeliveryRecord quarantined(DeliveryName name, DeliveryReason reason, String message, Long records,
                                   Long rejected, String key) {
            return row(name, DeliveryStatus.QUARANTINED, reason, message, records, rejected, null, key);
        }

        DeliveryRecord loaded(DeliveryName name, long records, long rejected, long redacted, String key) {
            return row(name, DeliveryStatus.LOADED, null, null, records, rejected, redacted, key);
        }

        private DeliveryRecord row(DeliveryName name, DeliveryStatus status, DeliveryReason reason, String message,
                                   Long records, Long rejected, Long redacted, String key) {
            return new DeliveryRecord(file.name(), file.sha256(), name == null ? null : name.sourceId(),
                    name == null ? null : name.businessDate(), name == null ? null : name.sequence(), status, reason,
                    records, rejected, redacted, seenAt, message, key, file.size(), file.modifiedAt(),
                    file.changedAt());
        }
    }
}
