package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.validate.Entity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A delivery's {@code manifest.json}, read and checked against export contract §2. */
public record Manifest(String sourceId, LocalDate businessDate, int sequence, Charset encoding, List<FileEntry> files) {

    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One listed entity file. */
    public record FileEntry(String name, Entity entity, String format, long rows, String sha256) {
    }

    private static final long MAX_BYTES = 1 << 20;

    public static Manifest read(Path folder) throws DeliveryRefusedException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new DeliveryRefusedException(DeliveryReason.MISSING_MANIFEST,
                    "the archive has no manifest.json at its root");
        }
        JsonNode root;
        try {
            // a manifest lists at most seven files: one far larger is not a manifest, and is not held in memory
            if (Files.size(file) > MAX_BYTES) {
                throw bad("manifest.json is larger than " + MAX_BYTES + " bytes");
            }
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw bad("manifest.json is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad("manifest.json cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad("manifest.json is not a JSON object");
        }
        if (!"1".equals(text(root, "schema_version"))) {
            throw bad("manifest.json schema_version is '" + text(root, "schema_version") + "', expected \"1\"");
        }
        String sourceId = text(root, "source_id");
        LocalDate date;
        try {
            date = LocalDate.parse(text(root, "business_date"));
        } catch (DateTimeParseException e) {
            throw bad("manifest.json business_date '" + text(root, "business_date") + "' is not a YYYY-MM-DD date");
        }
        JsonNode sequence = root.get("sequence");
        if (sequence == null || !sequence.canConvertToInt() || !sequence.isIntegralNumber()) {
            throw bad("manifest.json sequence is missing or not a whole number");
        }
        String encoding = text(root, "encoding");
        if (!encoding.equals("UTF-8") && !encoding.equals("GB18030")) {
            throw bad("manifest.json encoding '" + encoding + "' is neither UTF-8 nor GB18030");
        }
        try {
            OffsetDateTime.parse(text(root, "generated_at"));
        } catch (DateTimeParseException e) {
            throw bad("manifest.json generated_at '" + text(root, "generated_at")
                    + "' is not an ISO-8601 timestamp with offset");
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw bad("manifest.json has no files list");
        }
        List<FileEntry> entries = new ArrayList<>();
        Set<Entity> entities = EnumSet.noneOf(Entity.class);
        for (JsonNode node : files) {
            FileEntry entry = entry(node);
            if (!entities.add(entry.entity())) {
                throw bad("manifest.json lists two files for the entity '" + entry.entity().code() + "'");
            }
            entries.add(entry);
        }
        return new Manifest(sourceId, date, sequence.intValue(), Charset.forName(encoding), List.copyOf(entries));
    }

    private static FileEntry entry(JsonNode node) throws DeliveryRefusedException {
        if (!node.isObject()) {
            throw bad("manifest.json files holds an entry that is not an object");
        }
        String name = text(node, "name");
        Entity entity = Entity.fromCode(text(node, "entity"));
        if (entity == null) {
            throw bad("manifest.json file '" + name + "' has the unknown entity '" + text(node, "entity") + "'");
        }
        String format = text(node, "format");
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw bad("manifest.json file '" + name + "' has the format '" + format + "', expected csv or jsonl");
        }
        JsonNode rows = node.get("rows");
        if (rows == null || !rows.isIntegralNumber() || rows.longValue() < 0) {
            throw bad("manifest.json file '" + name + "' has no whole, non-negative rows count");
        }
        String sha = text(node, "sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw bad("manifest.json file '" + name + "' has a sha256 that is not 64 lower-case hex digits");
        }
        return new FileEntry(name, entity, format, rows.longValue(), sha);
    }

    private static String text(JsonNode node, String key) throws DeliveryRefusedException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw bad("manifest.json lacks the key '" + key + "'");
        }
        return value.asText();
    }

    private static DeliveryRefusedException bad(String message) {
        return new DeliveryRefusedException(DeliveryReason.BAD_MANIFEST, message);
    }

    /** Refuses a manifest that disagrees with the archive's name or the files the archive holds. */
    public void checkAgainst(DeliveryName name, Set<String> presentFiles) throws DeliveryRefusedException {
        if (!sourceId.equals(name.sourceId()) || !businessDate.equals(name.businessDate())
                || sequence != name.sequence()) {
            throw new DeliveryRefusedException(DeliveryReason.MANIFEST_MISMATCH, "manifest.json says " + sourceId
                    + " " + businessDate + " sequence " + sequence + " but the file name says " + name.sourceId()
                    + " " + name.businessDate() + " sequence " + name.sequence());
        }
        for (FileEntry entry : files) {
            if (!presentFiles.contains(entry.name())) {
                throw new DeliveryRefusedException(DeliveryReason.MANIFEST_MISMATCH,
                        "manifest.json lists '" + entry.name() + "' but the archive does not hold it");
            }
        }
        for (String present : presentFiles) {
            if (!present.equals(FILE_NAME) && files.stream().noneMatch(entry -> entry.name().equals(present))) {
                throw new DeliveryRefusedException(DeliveryReason.MANIFEST_MISMATCH,
                        "the archive holds '" + present + "' which manifest.json does not list");
            }
        }
    }
}
