package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDocumentTest {

  private static ReportDocument doc() {
    return new ReportDocument("T & <t>")
        .add(new ReportDocument.Heading(1, "Section `x`"))
        .add(new ReportDocument.Paragraph("**bold** and `a<b` and [link](f.svg)"))
        .add(
            new ReportDocument.Table(
                List.of("a", "n"), List.of(false, true), List.of(List.of("x|y", "1"))))
        .add(new ReportDocument.Image("alt", "figures/f.png", "caption"));
  }

  @Test
  void markdown() {
    assertEquals(
        "# T & <t>\n\n## Section `x`\n\n**bold** and `a<b` and [link](f.svg)\n\n| a | n |\n|---|---:|\n"
            + "| x\\|y | 1 |\n\n![alt](figures/f.png)\n\n*caption*\n",
        doc().markdown());
  }

  @Test
  void htmlEscapesAndRendersInlineMarkup() {
    String html = doc().html();
    assertTrue(html.contains("<title>T &amp; &lt;t&gt;</title>"), html);
    assertTrue(html.contains("<h2>Section <code>x</code></h2>"), html);
    assertTrue(
        html.contains(
            "<p><strong>bold</strong> and <code>a&lt;b</code> and <a href=\"f.svg\">link</a></p>"),
        html);
    assertTrue(html.contains("<tr><td>x|y</td><td class=\"r\">1</td></tr>"), html);
    assertTrue(html.contains("<img src=\"figures/f.png\" alt=\"alt\">"), html);
  }

  @Test
  void tableRowsMustMatchTheHeader() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReportDocument.Table(List.of("a"), List.of(false), List.of(List.of("1", "2"))));
  }
}
