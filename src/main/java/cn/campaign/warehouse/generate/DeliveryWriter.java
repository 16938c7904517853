package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Entity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One delivery being generated: each entity file streams to a scratch file while its SHA-256 and rows are
 * counted, then the archive is assembled with its manifest under a hidden name and renamed into place, so
 * memory does not grow with the scale and a reader of the folder never sees half an archive.
 */
final class DeliveryWriter {

    private final Path out;
    private final String sourceId;
    private final LocalDate date;
    private final int sequence;
    private final Map<String, EntityFile> files = new LinkedHashMap<>();

    DeliveryWriter(Path out, String sourceId, LocalDate date) {
        this(out, sourceId, date, 1);
    }

    /** A delivery of a given sequence: above 1, a re-delivery that replaces the source's earlier ones that day. */
    DeliveryWriter(Path out, String sourceId, LocalDate date, int sequence) {
        this.out = out;
        this.sourceId = sourceId;
        this.date = date;
        this.sequence = sequence;
    }

    /** The file of an entity, created with the contract's header on first use. */
    EntityFile file(Entity entity) throws IOException {
        return file(entity.code(), entity.plural(), EntityRow.header(entity));
    }

    /** The file of an entity under a header of its own (a re-delivery keeps its original's), on first use. */
    EntityFile file(String entity, String plural, String header) throws IOException {
        EntityFile file = files.get(plural);
        if (file == null) {
            file = new EntityFile(entity, out.resolve("." + baseName() + "." + plural + ".csv"), header);
            files.put(plural, file);
        }
        return file;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** Writes the archive; returns false when the delivery had nothing to say. */
    boolean finish() throws IOException {
        if (files.isEmpty()) {
            return false;
        }
        StringBuilder manifest = new StringBuilder("{\"schema_version\":\"1\",\"source_id\":\"" + sourceId
                + "\",\"business_date\":\"" + date + "\",\"sequence\":" + sequence
                + ",\"encoding\":\"UTF-8\",\"generated_at\":\"" + date + "T23:" + (9 + sequence)
                + ":00+08:00\",\"files\":[");
        String separator = "";
        for (Map.Entry<String, EntityFile> file : files.entrySet()) {
            file.getValue().close();
            manifest.append(separator).append("{\"name\":\"").append(file.getKey()).append(".csv\",\"entity\":\"")
                    .append(file.getValue().entity).append("\",\"format\":\"csv\",\"rows\":")
                    .append(file.getValue().rows).append(",\"sha256\":\"").append(file.getValue().sha256())
                    .append("\"}");
            separator = ",";
        }
        manifest.append("]}");
        Path partial = out.resolve("." + baseName() + ".zip.partial");
        try (OutputStream stream = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(stream)) {
            zip.putNextEntry(entry("manifest.json"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, EntityFile> file : files.entrySet()) {
                zip.putNextEntry(entry(file.getKey() + ".csv"));
                Files.copy(file.getValue().path, zip);
                Files.delete(file.getValue().path);
            }
        }
        Files.move(partial, out.resolve(baseName() + ".zip"), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Entries stamped with the export time, not the clock, so that a seed always gives the same bytes. */
    private ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(date.atTime(23, 9 + sequence));
        return entry;
    }

    private String baseName() {
        return sourceId + "_" + date.toString().replace("-", "") + "_" + sequence;
    }

    /** One entity file of the delivery, written as it is generated. */
    static final class EntityFile {
        private final String entity;
        private final Path path;
        private final MessageDigest digest;
        private final Writer writer;
        private long rows;

        private EntityFile(String entity, Path path, String header) throws IOException {
            this.entity = entity;
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.writer = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(Files.newOutputStream(path), digest), StandardCharsets.UTF_8), 1 << 16);
            writer.write(header);
            writer.write('\n');
        }

        /** Writes the row and clears it for the next. */
        void row(EntityRow row) throws IOException {
            row(row.take());
        }

        void row(CharSequence line) throws IOException {
            writer.append(line).append('\n');
            rows++;
        }

        private void close() throws IOException {
            writer.close();
        }

        private String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
