package cn.campaign.warehouse.generate;

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
        correction.file("institution", "institutions", "institution_code,name,province_code,city,authority,level,"
                + "ownership,founded_year").row(INSTITUTION + ",北京演示职业技术学院,11,北京市,北京市教育委员会,"
                + "vocational,public,2015");
        DeliveryWriter.EntityFile graduates = correction.file("graduate", "graduates", "id_number,name,phone,"
                + "institution_code,cohort,education_level,major_code,difficulty,destination,destination_date");
        for (int i = 1; i <= DIFFICULTY_GRADUATES; i++) {
            String body = "110101" + (first.getYear() - 22) + "0101" + (900 + i);
            graduates.row(body + IdNumber.checkCharacterFor(body) + ",演示学生" + i + ",1380000000" + i + ","
                    + INSTITUTION + "," + first.getYear() + ",vocational,080901,disabled,unplaced,");
        }
        DeliveryWriter.EntityFile visits = correction.file("visit", "visits", "visit_id,visit_date,institution_code,"
                + "visitor_role,enterprise_uscc,new_partner,posts_opened,agreement_signed");
        for (int i = 0; i < VISITED_EMPLOYERS; i++) {
            String uscc17 = "91110100" + String.format("%09d", 990_000_000 + i);
            visits.row("VDEMO-" + i + "," + first + "," + INSTITUTION + ",president," + uscc17
                    + Uscc.checkCharacterFor(uscc17) + ",是,1,true");
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
