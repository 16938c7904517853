package cn.campaign.warehouse.validate;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Resident identity number of GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character. */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECKS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private IdNumber() {
    }

    /** The form under which a number is identified: a lower-case {@code x} is the same as {@code X}. */
    public static String canonical(String number) {
        return number.toUpperCase(java.util.Locale.ROOT);
    }

    public static boolean isValid(String number, LocalDate latestBirth) {
        if (number == null || number.length() != 18) {
            return false;
        }
        String canonical = canonical(number);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = canonical.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        if (canonical.charAt(17) != CHECKS.charAt(sum % 11)) {
            return false;
        }
        LocalDate birth = birthDate(canonical);
        return birth != null && !birth.isBefore(EARLIEST_BIRTH) && !birth.isAfter(latestBirth);
    }

    /** The check character that completes 17 digits. */
    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECKS.charAt(sum % 11);
    }

    static LocalDate birthDate(String number) {
        try {
            return LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    public static int birthYear(String number) {
        return Integer.parseInt(number.substring(6, 10));
    }

    /** Digit 17 is odd for men and even for women. */
    public static String gender(String number) {
        return (number.charAt(16) - '0') % 2 == 1 ? "male" : "female";
    }

    /** Digits 1–2: the province where the number was issued. */
    public static String originProvince(String number) {
        return number.substring(0, 2);
    }
}
