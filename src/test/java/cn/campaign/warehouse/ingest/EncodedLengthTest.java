package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A run of characters counts as many bytes as its characters counted one by one, in either encoding. */
class EncodedLengthTest {

    @Property(tries = 3000)
    void aRunCountsAsItsCharactersOneByOne(@ForAll String text, @ForAll boolean utf8) {
        // given the same characters, counted one by one and as one run inside a longer array
        Charset charset = utf8 ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        EncodedLength oneByOne = new EncodedLength(charset, Long.MAX_VALUE);
        EncodedLength run = new EncodedLength(charset, Long.MAX_VALUE);

        // when
        for (char c : text.toCharArray()) {
            oneByOne.add(c);
        }
        run.add(("汉a" + text + "b").toCharArray(), 2, 2 + text.length());

        // then
        assertThat(run.bytes()).as(text).isEqualTo(oneByOne.bytes());
    }

    @Property(tries = 500)
    void utf8CountsTheBytesOfTheFile(@ForAll("utf8Text") String text) {
        EncodedLength length = new EncodedLength(StandardCharsets.UTF_8, Long.MAX_VALUE);

        length.add(text.toCharArray(), 0, text.length());

        assertThat(length.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Provide
    Arbitrary<String> utf8Text() {
        // what a decoder gives: no lone surrogate, so a supplementary character is a pair
        return Arbitraries.strings().all().filter(text -> text.codePoints()
                .noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF));
    }
}
