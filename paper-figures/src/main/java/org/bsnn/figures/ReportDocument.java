package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small document (headings, paragraphs, bullet lists, tables, images, code blocks) rendered both
 * as Markdown and as a self-contained HTML page, so the two renderings of a report always say the
 * same. Inline text may use {@code **bold**} and {@code `code`}; nothing else is interpreted.
 */
public final class ReportDocument {

  /** A block of the document. */
  public sealed interface Block permits Heading, Paragraph, Bullets, Table, Image, Code {}

  /** A heading; level 1 to 4. */
  public record Heading(int level, String text) implements Block {}

  /** A paragraph of inline text. */
  public record Paragraph(String text) implements Block {}

  /** A bullet list of inline texts. */
  public record Bullets(List<String> items) implements Block {
    /** Copies the items. */
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /**
   * A table; cells are inline text.
   *
   * @param header the column titles
   * @param rightAligned per column, whether it is right-aligned (numbers)
   * @param rows the rows, each as long as the header
   */
  public record Table(List<String> header, List<Boolean> rightAligned, List<List<String>> rows)
      implements Block {
    /** Checks the shape and copies. */
    public Table {
      header = List.copyOf(header);
      rightAligned = List.copyOf(rightAligned);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> r : rows) {
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(
              "row " + r + " has " + r.size() + " cells for " + header.size() + " columns");
        }
      }
    }
  }

  /** An image with alternative text, a relative path and a caption (inline text). */
  public record Image(String alt, String path, String caption) implements Block {}

  /** A preformatted block. */
  public record Code(String text) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  /** A document with a title (the page's first heading and the HTML title). */
  public ReportDocument(String title) {
    this.title = title;
  }

  /** Appends a block. */
  public ReportDocument add(Block b) {
    blocks.add(b);
    return this;
  }

  /** The blocks, in order. */
  public List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /** The document as GitHub-flavoured Markdown, LF line ends. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("# ").append(title).append("\n");
    for (Block b : blocks) {
      sb.append('\n');
      if (b instanceof Heading h) {
        sb.append("#".repeat(Math.min(6, h.level() + 1))).append(' ').append(h.text()).append('\n');
      } else if (b instanceof Paragraph p) {
        sb.append(p.text()).append('\n');
      } else if (b instanceof Bullets l) {
        for (String item : l.items()) {
          sb.append("- ").append(item).append('\n');
        }
      } else if (b instanceof Table t) {
        sb.append(mdRow(t.header()));
        List<String> rule = new ArrayList<>();
        for (boolean right : t.rightAligned()) {
          rule.add(right ? "---:" : "---");
        }
        sb.append("|").append(String.join("|", rule)).append("|\n");
        for (List<String> r : t.rows()) {
          sb.append(mdRow(r));
        }
      } else if (b instanceof Image i) {
        sb.append("![")
            .append(i.alt())
            .append("](")
            .append(i.path())
            .append(")\n\n*")
            .append(i.caption())
            .append("*\n");
      } else if (b instanceof Code c) {
        sb.append("```\n")
            .append(c.text())
            .append(c.text().endsWith("\n") ? "" : "\n")
            .append("```\n");
      }
    }
    return sb.toString();
  }

  private static String mdRow(List<String> cells) {
    List<String> escaped = cells.stream().map(c -> c.replace("|", "\\|")).toList();
    return "| " + String.join(" | ", escaped) + " |\n";
  }

  /** The document as one HTML page with a small embedded style sheet, LF line ends. */
  public String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
                + "line-height:1.45;color:#111}\n")
        .append(
            "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em}"
                + "th{background:#f0f0f0}td.r,th.r{text-align:right}\n")
        .append(
            "img{max-width:100%;height:auto}figure{margin:1.5em 0}figcaption{font-style:italic;color:#333}\n")
        .append(
            "code,pre{font-family:'DejaVu Sans Mono',monospace;font-size:.9em}pre{background:#f6f6f6;padding:.6em;"
                + "overflow-x:auto}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(inline(title))
        .append("</h1>\n");
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        int level = Math.min(6, h.level() + 1);
        sb.append("<h")
            .append(level)
            .append('>')
            .append(inline(h.text()))
            .append("</h")
            .append(level)
            .append(">\n");
      } else if (b instanceof Paragraph p) {
        sb.append("<p>").append(inline(p.text())).append("</p>\n");
      } else if (b instanceof Bullets l) {
        sb.append("<ul>\n");
        for (String item : l.items()) {
          sb.append("<li>").append(inline(item)).append("</li>\n");
        }
        sb.append("</ul>\n");
      } else if (b instanceof Table t) {
        sb.append("<table>\n<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
          sb.append(t.rightAligned().get(i) ? "<th class=\"r\">" : "<th>")
              .append(inline(t.header().get(i)))
              .append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : t.rows()) {
          sb.append("<tr>");
          for (int i = 0; i < r.size(); i++) {
            sb.append(t.rightAligned().get(i) ? "<td class=\"r\">" : "<td>")
                .append(inline(r.get(i)))
                .append("</td>");
          }
          sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
      } else if (b instanceof Image i) {
        sb.append("<figure>\n<img src=\"")
            .append(escape(i.path()))
            .append("\" alt=\"")
            .append(escape(i.alt()))
            .append("\">\n<figcaption>")
            .append(inline(i.caption()))
            .append("</figcaption>\n</figure>\n");
      } else if (b instanceof Code c) {
        sb.append("<pre><code>").append(escape(c.text())).append("</code></pre>\n");
      }
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

  /** Inline text to HTML: escapes, then code spans, bold and [text](link). */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    Matcher m = CODE.matcher(text);
    int last = 0;
    while (m.find()) {
      out.append(formatted(text.substring(last, m.start())));
      out.append("<code>").append(escape(m.group(1))).append("</code>");
      last = m.end();
    }
    out.append(formatted(text.substring(last)));
    return out.toString();
  }

  private static String formatted(String text) {
    String s = escape(text);
    s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
    s = LINK.matcher(s).replaceAll("<a href=\"$2\">$1</a>");
    return s;
  }

  /** HTML-escapes text. */
  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
