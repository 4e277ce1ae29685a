package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitiserTest {

    private final HtmlSanitiser sanitiser = new HtmlSanitiser();
    private final HtmlToText htmlToText = new HtmlToText();

    @ParameterizedTest
    @ValueSource(strings = {
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<form action=\"https://evil.example\"><input name=\"password\"></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x\">",
        "<p style=\"background:url(https://evil.example/t.gif)\">текст</p>",
        "<img src=\"https://evil.example/t.gif\">",
        "<table background=\"https://evil.example/bg.gif\"><tr><td>1</td></tr></table>",
    })
    void removesActiveAndRemoteContent(String html) {
        String clean = sanitiser.sanitise(html).toLowerCase();

        assertThat(clean).doesNotContain("javascript", "vbscript", "evil.example", "<form", "<input", "<meta",
                "<base", "<object", "<embed", "style=", "svg", "data:text");
    }

    @Test
    void keepsSafeStructureLinksAndInlineImages() {
        String clean = sanitiser.sanitise("<h1>Заголовок</h1><table border=\"1\"><tr><td>ячейка</td></tr></table>"
                + "<a href=\"mailto:support@school.example\">почта</a>"
                + "<img src=\"cid:logo@x\" alt=\"лого\">"
                + "<img src=\"data:image/png;base64,iVBORw0KGgo=\">");

        assertThat(clean)
                .contains("<h1>Заголовок</h1>")
                .contains("<td>ячейка</td>")
                .contains("href=\"mailto:support@school.example\"")
                .contains("src=\"cid:logo@x\"")
                .contains("src=\"data:image/png;base64,iVBORw0KGgo=\"");
    }

    @Test
    void htmlToTextKeepsTablesPreformattedTextAndLinks() {
        String text = htmlToText.toText("<div>Итоги:</div><table><tr><td>Математика</td><td>5</td></tr>"
                + "<tr><td>Русский язык</td><td>4</td></tr></table><pre>  код\n   отступ</pre>"
                + "<p><a href=\"https://school.example/x\">https://school.example/x</a></p>");

        assertThat(text).isEqualTo("Итоги:\n\nМатематика\t5\nРусский язык\t4\n\n  код\n   отступ\n\n"
                + "https://school.example/x");
    }

    @Test
    void htmlToTextOfNothingIsEmpty() {
        assertThat(htmlToText.toText(null)).isEmpty();
        assertThat(htmlToText.toText("<script>alert(1)</script><style>p{}</style>")).isEmpty();
    }
}
