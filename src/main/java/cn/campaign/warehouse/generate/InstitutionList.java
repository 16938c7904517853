package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Codes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The institutions a generated campaign uses: the national list in the shared reference data when it is there
 * ({@code institutions.csv}: code, name, province code, province, city, authority, 本科/专科, 公办/民办), else a
 * synthetic list of the same shape. Shuffled with the generator's seed so any scale spreads over the provinces.
 */
final class InstitutionList {

    private InstitutionList() {
    }

    static List<CampaignGenerator.Institution> load(Path referenceDir, Random random) throws IOException {
        List<CampaignGenerator.Institution> list = new ArrayList<>();
        Path file = referenceDir == null ? null : referenceDir.resolve("institutions.csv");
        if (file != null && Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells.length >= 8 && Codes.isInstitution(cells[0]) && Codes.isProvince(cells[2])
                        && cells[0].substring(2, 4).equals(cells[2])) {
                    list.add(new CampaignGenerator.Institution(cells[0], cells[1], cells[2], cells[4], cells[5],
                            cells[6].equals("本科") ? "undergraduate" : "vocational",
                            cells[7].equals("民办") ? "private" : "public"));
                }
            }
        }
        if (list.isEmpty()) {
            int n = 0;
            for (String province : Codes.provinceCodes()) {
                for (int i = 0; i < 84; i++, n++) {
                    list.add(new CampaignGenerator.Institution(String.format("41%s%06d", province, n),
                            Codes.PROVINCES.get(province) + "第" + (i + 1) + "学院", province, null, null,
                            i % 2 == 0 ? "undergraduate" : "vocational", "public"));
                }
            }
        }
        Collections.shuffle(list, random);
        return list;
    }
}
