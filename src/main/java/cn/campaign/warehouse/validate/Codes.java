package cn.campaign.warehouse.validate;

import java.util.Set;

/** The code lists of the export contract: GB/T 2260 provinces, GB/T 4754 sections, institution codes. */
public final class Codes {

    /** The 31 provincial-level divisions of GB/T 2260, code to name. */
    public static final java.util.Map<String, String> PROVINCES = provinces();

    private Codes() {
    }

    public static boolean isProvince(String code) {
        return PROVINCES.containsKey(code);
    }

    /** A 2-, 4- or 6-digit administrative division code inside one of the 31 provinces. */
    public static boolean isRegion(String code) {
        int length = code.length();
        return (length == 2 || length == 4 || length == 6) && allDigits(code) && isProvince(code.substring(0, 2));
    }

    public static boolean isIndustrySection(String code) {
        return code.length() == 1 && code.charAt(0) >= 'A' && code.charAt(0) <= 'T';
    }

    /** The Ministry's 10-digit institution identifier; digits 3–4 name its province. */
    public static boolean isInstitution(String code) {
        return code.length() == 10 && allDigits(code);
    }

    private static final java.util.regex.Pattern MAJOR =
            java.util.regex.Pattern.compile("[0-9]{4}([0-9]{2})?[A-Z]{0,2}");

    /** The Ministry's discipline code: 4 or 6 digits, then at most two capital letters ({@code 080901K}). */
    public static boolean isMajor(String code) {
        return MAJOR.matcher(code).matches();
    }

    public static String institutionProvince(String code) {
        return code.substring(2, 4);
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    public static Set<String> provinceCodes() {
        return PROVINCES.keySet();
    }

    private static java.util.Map<String, String> provinces() {
        String[][] rows = {
            {"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"}, {"15", "内蒙古自治区"},
            {"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"}, {"31", "上海市"}, {"32", "江苏省"},
            {"33", "浙江省"}, {"34", "安徽省"}, {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"},
            {"41", "河南省"}, {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"},
            {"46", "海南省"}, {"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"}, {"53", "云南省"},
            {"54", "西藏自治区"}, {"61", "陕西省"}, {"62", "甘肃省"}, {"63", "青海省"}, {"64", "宁夏回族自治区"},
            {"65", "新疆维吾尔自治区"}};
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String[] row : rows) {
            map.put(row[0], row[1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
