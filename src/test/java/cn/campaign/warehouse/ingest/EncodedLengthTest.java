package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A record's length is counted in the bytes its characters take in the delivered file. */
class EncodedLengthTest {

    @Property(tries = 500)
    void utf8CountsTheBytesOfTheFile(@ForAll("utf8Text") String text) {
        // given a limit of exactly the text's bytes in UTF-8
        EncodedLength length = new EncodedLength(StandardCharsets.UTF_8, text.getBytes(StandardCharsets.UTF_8).length);

        // when the text is counted, then it is within the limit, and one byte more is not
        for (char c : text.toCharArray()) {
            length.add(c);
        }
        assertThat(length.exceeded()).as(text).isFalse();
        length.add('x');
        assertThat(length.exceeded()).as(text).isTrue();
    }

    @Provide
    Arbitrary<String> utf8Text() {
        // what a decoder gives: no lone surrogate, so a supplementary character is a pair
        return Arbitraries.strings().all().filter(text -> text.codePoints()
                .noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF));
    }
}
