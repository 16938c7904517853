package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.IdNumber;
import cn.campaign.warehouse.validate.Uscc;
import java.time.LocalDate;

/**
 * Identity numbers and credit codes made from a province and a running number, one to one, so that a national
 * cohort never collides and a service can name a graduate of the roster without the generator remembering it.
 */
final class Identities {

    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1999, 1, 1);
    private static final int BIRTH_DAYS = 1500;
    private static final int COHORT_WITHOUT_OFFSET = 2023;

    private Identities() {
    }

    /**
     * The index-th graduate of the province's cohort: area, birth date and sequence digits spell out the index, and
     * the area's tens the cohort (2023's are 0), so that the campaigns of several years in one warehouse serve
     * different graduates, as they do in life.
     */
    static String idNumber(String province, int cohort, long index) {
        long sequence = index % 1000;
        long rest = index / 1000;
        LocalDate birth = FIRST_BIRTH.plusDays(rest % BIRTH_DAYS);
        long area = rest / BIRTH_DAYS + 1 + 10L * Math.floorMod(COHORT_WITHOUT_OFFSET - cohort, 9);
        String first17 = province + "01" + String.format("%02d", area) + birth.toString().replace("-", "")
                + String.format("%03d", sequence);
        return first17 + IdNumber.checkCharacterFor(first17);
    }

    /** The index-th employer registered in the province. */
    static String uscc(String province, long index) {
        StringBuilder code = new StringBuilder("91").append(province).append("0100");
        char[] digits = new char[9];
        long rest = index;
        for (int i = 8; i >= 0; i--) {
            digits[i] = USCC_ALPHABET.charAt((int) (rest % USCC_ALPHABET.length()));
            rest /= USCC_ALPHABET.length();
        }
        code.append(digits);
        return code.append(Uscc.checkCharacterFor(code.toString())).toString();
    }
}
