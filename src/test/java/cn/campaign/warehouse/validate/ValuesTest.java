package cn.campaign.warehouse.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written readers of decimals and dates accept exactly what the contract's definitions accept. */
class ValuesTest {

    @Test
    void aDecimalReadsAsTheContractWritesIt() {
        assertThat(Values.parse(FieldType.DECIMAL, "12.50")).isEqualTo(12.5);
        assertThat(Values.parse(FieldType.DECIMAL, "-3")).isEqualTo(-3.0);
        assertThat(Values.parse(FieldType.DECIMAL, "0.1")).isEqualTo(0.1);
        for (String bad : new String[] {"", "-", ".5", "5.", "1.2.3", "1e5", "+1", " 1", "1,5", "--1", "-.5", "١٢"}) {
            assertThat(Values.parse(FieldType.DECIMAL, bad)).as(bad).isNull();
        }
    }

    @Test
    void aDateIsARealDayWrittenYearMonthDay() {
        assertThat(Values.parse(FieldType.DATE, "2023-08-31")).isEqualTo(LocalDate.of(2023, 8, 31));
        assertThat(Values.parse(FieldType.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        for (String bad : new String[] {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-8-31",
                "2023/08/31", "20230831", "2023-08-3a", "+2023-0831", "2023-08-00", "２０２３-08-31"}) {
            assertThat(Values.parse(FieldType.DATE, bad)).as(bad).isNull();
        }
    }

    @Property(tries = 3000)
    void decimalsAgreeWithTheDefinition(@ForAll("decimalLike") String text) {
        assertThat(Values.parse(FieldType.DECIMAL, text)).as(text).isEqualTo(definedDecimal(text));
    }

    @Property(tries = 3000)
    void datesAgreeWithTheDefinition(@ForAll("dateLike") String text) {
        assertThat(Values.parse(FieldType.DATE, text)).as(text).isEqualTo(definedDate(text));
    }

    @Provide
    Arbitrary<String> decimalLike() {
        return Arbitraries.strings().withChars("0123456789.-e ").ofMinLength(0).ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789").ofLength(8)
                .map(d -> d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6));
        Arbitrary<String> noisy = Arbitraries.strings().withChars("0123456789-/+ x").ofMinLength(8).ofMaxLength(11);
        return Arbitraries.oneOf(shaped, noisy);
    }

    /** The contract's decimal: a regular expression, then the exact decimal rounded to a double. */
    private static Double definedDecimal(String text) {
        if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        double value = new BigDecimal(text).doubleValue();
        return Double.isFinite(value) ? value : null;
    }

    /** The contract's date: ISO {@code yyyy-MM-dd}, a day that exists. */
    private static LocalDate definedDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
