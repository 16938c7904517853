package cn.campaign.warehouse.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a delivery's file name, {@code <source_id>_<YYYYMMDD>_<seq>.<ext>}. */
public record DeliveryName(String sourceId, LocalDate businessDate, int sequence, String extension) {

    private static final Pattern PATTERN = Pattern.compile(
            "(PROV-[0-9]{2}|NATL-24365|INST-[0-9]{10}|AGCY-[A-Z0-9]{2,16})_([0-9]{8})_([1-9][0-9]{0,8})"
                    + "\\.(zip|tar\\.gz|tgz|tar)");
    private static final DateTimeFormatter BASIC_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** The name's parts, or empty when it does not follow the pattern or names an impossible date. */
    public static Optional<DeliveryName> parse(String fileName) {
        Matcher matcher = PATTERN.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(matcher.group(2), BASIC_DATE);
            return Optional.of(new DeliveryName(matcher.group(1), date, Integer.parseInt(matcher.group(3)),
                    matcher.group(4)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean isZip() {
        return extension.equals("zip");
    }

    public boolean isGzip() {
        return extension.equals("tar.gz") || extension.equals("tgz");
    }
}
