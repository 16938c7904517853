package cn.campaign.warehouse.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds one delivery archive with a manifest that matches its files, unless told to break it. */
final class DeliveryFixture {

    private final String sourceId;
    private final String date;
    private final int sequence;
    private final Charset encoding;
    private final Map<String, String[]> files = new LinkedHashMap<>();
    private boolean wrongChecksum;

    DeliveryFixture(String sourceId, String date, int sequence, Charset encoding) {
        this.sourceId = sourceId;
        this.date = date;
        this.sequence = sequence;
        this.encoding = encoding;
    }

    DeliveryFixture file(String name, String entity, String content) {
        files.put(name, new String[] {entity, content});
        return this;
    }

    DeliveryFixture withWrongChecksum() {
        wrongChecksum = true;
        return this;
    }

    Path writeZip(Path inbox, String fileName) throws Exception {
        Path archive = inbox.resolve(fileName);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, byte[]> entry : contents().entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return settled(archive);
    }

    Path writeTarGz(Path inbox, String fileName) throws Exception {
        Path archive = inbox.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, byte[]> entry : contents().entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry("./" + entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return settled(archive);
    }

    /** Old enough that the inbox's settle time does not hold it back. */
    private static Path settled(Path archive) throws IOException {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        return archive;
    }

    private Map<String, byte[]> contents() throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("{\"schema_version\":\"1\",\"source_id\":\"" + sourceId
                + "\",\"business_date\":\"" + date + "\",\"sequence\":" + sequence + ",\"encoding\":\""
                + encoding.name() + "\",\"generated_at\":\"" + date + "T23:00:00+08:00\",\"files\":[");
        String separator = "";
        for (Map.Entry<String, String[]> file : files.entrySet()) {
            String content = file.getValue()[1];
            byte[] bytes = content.getBytes(encoding);
            contents.put(file.getKey(), bytes);
            long rows = content.lines().skip(file.getKey().endsWith(".csv") ? 1 : 0).filter(l -> !l.isBlank())
                    .count() - multiLineExtra(content);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (wrongChecksum) {
                sha = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
            }
            manifest.append(separator).append("{\"name\":\"").append(file.getKey()).append("\",\"entity\":\"")
                    .append(file.getValue()[0]).append("\",\"format\":\"")
                    .append(file.getKey().endsWith(".csv") ? "csv" : "jsonl").append("\",\"rows\":").append(rows)
                    .append(",\"sha256\":\"").append(sha).append("\"}");
            separator = ",";
        }
        contents.put("manifest.json", manifest.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return contents;
    }

    /** Physical lines inside quoted fields are not records. */
    private static long multiLineExtra(String content) {
        long quotes = 0;
        long extra = 0;
        for (char c : content.toCharArray()) {
            if (c == '"') {
                quotes++;
            } else if (c == '\n' && quotes % 2 == 1) {
                extra++;
            }
        }
        return extra;
    }
}
