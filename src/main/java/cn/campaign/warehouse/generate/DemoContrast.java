package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Entity;
import cn.campaign.warehouse.validate.IdNumber;
import cn.campaign.warehouse.validate.Uscc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the demo adds to a generated campaign so that the first report a new user sees has contrast: a late
 * correction (a second delivery of the first night from one province) that brings a small vocational institution
 * whose president visits 105 employers, all new partners, so both institution targets are met somewhere, and whose 3
 * graduates in difficulty make a suppressed cell; and a broken archive in place of one province's last night, so the
 * report names a source that had not reported and why.
 */
public final class DemoContrast {

    /** The small institution the correction brings. */
    public static final String INSTITUTION = "4111099001";
    static final String CORRECTED_SOURCE = "PROV-11";
    static final String BROKEN_SOURCE = "PROV-65";
    private static final int VISITED_EMPLOYERS = 105;
    private static final int DIFFICULTY_GRADUATES = 3;

    private DemoContrast() {
    }

    public static void add(Path inbox, LocalDate first, LocalDate last) throws IOException {
        correct(inbox, first);
        breakLastNight(inbox, last);
    }

    private static void correct(Path inbox, LocalDate first) throws IOException {
        Path original = inbox.resolve(CORRECTED_SOURCE + "_" + first.toString().replace("-", "") + "_1.zip");
        Map<String, String[]> entities = new LinkedHashMap<>();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile(), StandardCharsets.UTF_8)) {
            JsonNode manifest = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            for (JsonNode file : manifest.get("files")) {
                String name = file.get("name").asText();
                ZipEntry entry = zip.getEntry(name);
                List<String> content = new ArrayList<>();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(content::add);
                }
                String plural = name.substring(0, name.length() - ".csv".length());
                Entity entity = Entity.fromCode(file.get("entity").asText());
                if (entity == null || !content.get(0).equals(EntityRow.header(entity))) {
                    throw new IllegalStateException(original + " has " + name + " under a header the contract's "
                            + file.get("entity").asText() + " does not give: it was not written by this generator");
                }
                entities.put(plural, new String[] {file.get("entity").asText(), content.get(0)});
                lines.put(plural, content.subList(1, content.size()));
            }
        }
        DeliveryWriter correction = new DeliveryWriter(inbox, CORRECTED_SOURCE, first, 2);
        for (Map.Entry<String, String[]> entity : entities.entrySet()) {
            DeliveryWriter.EntityFile file = correction.file(entity.getValue()[0], entity.getKey(),
                    entity.getValue()[1]);
            for (String line : lines.get(entity.getKey())) {
                file.row(line);
            }
        }
        correction.file(Entity.INSTITUTION).row(new EntityRow(Entity.INSTITUTION).set("institution_code", INSTITUTION)
                .set("name", "北京演示职业技术学院").set("province_code", "11").set("city", "北京市")
                .set("authority", "北京市教育委员会").set("level", "vocational").set("ownership", "public")
                .set("founded_year", 2015));
        DeliveryWriter.EntityFile graduates = correction.file(Entity.GRADUATE);
        EntityRow graduate = new EntityRow(Entity.GRADUATE);
        for (int i = 1; i <= DIFFICULTY_GRADUATES; i++) {
            String body = "110101" + (first.getYear() - 22) + "0101" + (900 + i);
            graduates.row(graduate.set("id_number", body + IdNumber.checkCharacterFor(body)).set("name", "演示学生" + i)
                    .set("phone", "1380000000" + i).set("institution_code", INSTITUTION)
                    .set("cohort", first.getYear()).set("education_level", "vocational").set("major_code", "080901")
                    .set("difficulty", "disabled").set("destination", "unplaced"));
        }
        DeliveryWriter.EntityFile visits = correction.file(Entity.VISIT);
        EntityRow visit = new EntityRow(Entity.VISIT);
        for (int i = 0; i < VISITED_EMPLOYERS; i++) {
            String uscc17 = "91110100" + String.format("%09d", 990_000_000 + i);
            visits.row(visit.set("visit_id", "VDEMO-" + i).set("visit_date", first).set("institution_code", INSTITUTION)
                    .set("visitor_role", "president").set("enterprise_uscc", uscc17 + Uscc.checkCharacterFor(uscc17))
                    .set("new_partner", "是").set("posts_opened", 1).set("agreement_signed", true));
        }
        correction.finish();
    }

    /** The last night of one province replaced by the first half of its archive, as a copy cut short leaves it. */
    private static void breakLastNight(Path inbox, LocalDate last) throws IOException {
        Path archive = inbox.resolve(BROKEN_SOURCE + "_" + last.toString().replace("-", "") + "_1.zip");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }
}
