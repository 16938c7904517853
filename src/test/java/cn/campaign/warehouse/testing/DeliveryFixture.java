package cn.campaign.warehouse.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds one delivery archive with a manifest that matches its files, unless told to break it. */
public final class DeliveryFixture {

    private record EntityFile(String entity, byte[] bytes, long rows) {
    }

    /** An archive entry the manifest does not list: a file, or (in a tar) a link of the given tar type. */
    private record RawEntry(String name, byte[] bytes, byte linkType, String linkTarget) {
    }

    /** One fair on 2022-05-09 in Zhengzhou: the smallest delivery that changes campaign_totals. */
    public static final String ONE_FAIR = """
            fair_id,name,start_date,fair_type,channel,region_code,employers,posts,attendees
            F1,双选会,2022-05-09,campus,offline,4101,10,100,50
            """;

    private final String sourceId;
    private final String date;
    private final int sequence;
    private final Charset encoding;
    private final Map<String, EntityFile> files = new LinkedHashMap<>();
    private final List<RawEntry> unlisted = new ArrayList<>();
    private boolean wrongChecksum;
    private long rowsOff;
    private String manifestOverride;
    private boolean withoutManifest;

    public DeliveryFixture(String sourceId, String date, int sequence, Charset encoding) {
        this.sourceId = sourceId;
        this.date = date;
        this.sequence = sequence;
        this.encoding = encoding;
    }

    public DeliveryFixture file(String name, String entity, String content) {
        long rows = content.lines().skip(name.endsWith(".csv") ? 1 : 0).filter(l -> !l.isBlank()).count()
                - multiLineExtra(content);
        return fileBytes(name, entity, content.getBytes(encoding), rows);
    }

    /** A listed file given as raw bytes, e.g. bytes that are invalid in the declared encoding. */
    public DeliveryFixture fileBytes(String name, String entity, byte[] bytes, long rows) {
        files.put(name, new EntityFile(entity, bytes, rows));
        return this;
    }

    /** An archive entry that the manifest does not list, under any name (even an unsafe one). */
    public DeliveryFixture unlisted(String entryName, byte[] bytes) {
        unlisted.add(new RawEntry(entryName, bytes, (byte) 0, null));
        return this;
    }

    /** A tar link entry (symbolic or hard) that the manifest does not list; only {@link #writeTarGz} writes it. */
    public DeliveryFixture unlistedLink(String entryName, String target, boolean symbolic) {
        unlisted.add(new RawEntry(entryName, new byte[0],
                symbolic ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, target));
        return this;
    }

    /** A tar entry of a special type (a FIFO, a device) that the manifest does not list; only tars write it. */
    public DeliveryFixture unlistedSpecial(String entryName, byte tarType) {
        unlisted.add(new RawEntry(entryName, new byte[0], tarType, ""));
        return this;
    }

    public DeliveryFixture withWrongChecksum() {
        wrongChecksum = true;
        return this;
    }

    /** The manifest's row counts are one more than the files hold. */
    public DeliveryFixture withWrongRowCount() {
        rowsOff = 1;
        return this;
    }

    /** {@code manifest.json} holds exactly this text. */
    public DeliveryFixture withManifest(String text) {
        manifestOverride = text;
        return this;
    }

    public DeliveryFixture withoutManifest() {
        withoutManifest = true;
        return this;
    }

    public Path writeZip(Path inbox, String fileName) throws Exception {
        Path archive = inbox.resolve(fileName);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, byte[]> entry : contents().entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
            for (RawEntry entry : unlisted) {
                zip.putNextEntry(new ZipEntry(entry.name()));
                zip.write(entry.bytes());
            }
        }
        return settled(archive);
    }

    public Path writeTarGz(Path inbox, String fileName) throws Exception {
        return writeTar(inbox, fileName, true);
    }

    /** A plain tar: its size moves in steps of 512 bytes, so a fixed file often keeps the size of the first. */
    public Path writeTar(Path inbox, String fileName) throws Exception {
        return writeTar(inbox, fileName, false);
    }

    private Path writeTar(Path inbox, String fileName, boolean gzip) throws Exception {
        Path archive = inbox.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip ? new GzipCompressorOutputStream(out)
                     : out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> entry : contents().entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry("./" + entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
            for (RawEntry entry : unlisted) {
                TarArchiveEntry header = entry.linkTarget() == null
                        ? new TarArchiveEntry(entry.name(), true)
                        : new TarArchiveEntry(entry.name(), entry.linkType(), true);
                if (entry.linkTarget() != null) {
                    header.setLinkName(entry.linkTarget());
                } else if (!entry.name().endsWith("/")) {
                    header.setSize(entry.bytes().length);
                }
                tar.putArchiveEntry(header);
                if (entry.linkTarget() == null && !entry.name().endsWith("/")) {
                    tar.write(entry.bytes());
                }
                tar.closeArchiveEntry();
            }
        }
        return settled(archive);
    }

    /** Old enough that the inbox's settle time does not hold it back. */
    public static Path settled(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        return file;
    }

    /** The manifest this fixture writes unless told otherwise: one that matches its files. */
    public String generatedManifest() throws Exception {
        StringBuilder manifest = new StringBuilder();
        contents(manifest);
        return manifest.toString();
    }

    private Map<String, byte[]> contents() throws Exception {
        return contents(new StringBuilder());
    }

    private Map<String, byte[]> contents(StringBuilder generated) throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder("{\"schema_version\":\"1\",\"source_id\":\"" + sourceId
                + "\",\"business_date\":\"" + date + "\",\"sequence\":" + sequence + ",\"encoding\":\""
                + encoding.name() + "\",\"generated_at\":\"" + date + "T23:00:00+08:00\",\"files\":[");
        String separator = "";
        for (Map.Entry<String, EntityFile> file : files.entrySet()) {
            EntityFile entityFile = file.getValue();
            contents.put(file.getKey(), entityFile.bytes());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entityFile.bytes()));
            if (wrongChecksum) {
                sha = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
            }
            manifest.append(separator).append("{\"name\":\"").append(file.getKey()).append("\",\"entity\":\"")
                    .append(entityFile.entity()).append("\",\"format\":\"")
                    .append(file.getKey().endsWith(".csv") ? "csv" : "jsonl").append("\",\"rows\":")
                    .append(entityFile.rows() + rowsOff).append(",\"sha256\":\"").append(sha).append("\"}");
            separator = ",";
        }
        generated.append(manifest).append("]}");
        if (!withoutManifest) {
            String text = manifestOverride != null ? manifestOverride : generated.toString();
            contents.put("manifest.json", text.getBytes(StandardCharsets.UTF_8));
        }
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
