package org.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.crmkit.shared.Money;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgChartTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document d) {
    NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void drawsEveryKindAsWellFormedSelfContainedSvgWithEscapedText() throws Exception {
    for (SvgChart.Kind kind : SvgChart.Kind.values()) {
      String svg = SvgChart.of(kind, "Pipeline <by> \"stage\" & 'owner'")
          .labels(List.of("a<b", "x & y", "</svg><script>x</script>", "\u0001bell"))
          .series("amount", java.util.Arrays.asList(new BigDecimal("10"), new BigDecimal("2500.50"), BigDecimal.ZERO, null))
          .series("weighted", List.of(new BigDecimal("5"), new BigDecimal("1250"), BigDecimal.ONE, BigDecimal.TEN))
          .toSvg();

      Document d = parse(svg);

      assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
      assertThat(d.getElementsByTagNameNS("*", "script").getLength()).isZero();
      assertThat(svg).doesNotContain("href").doesNotContain("<script").doesNotContain("\u0001");
      assertThat(texts(d)).contains("Pipeline <by> \"stage\" & 'owner'", "a<b", "x & y",
          "</svg><script>x</script>", "\uFFFDbell");
    }
  }

  @Test
  void labelsTheValueAxisWithRoundTicksUpToTheLargestValue() throws Exception {
    Document d = parse(SvgChart.of(SvgChart.Kind.BAR, "t").labels(List.of("a", "b"))
        .series("s", List.of(new BigDecimal("730"), new BigDecimal("20"))).toSvg());

    assertThat(texts(d)).contains("0", "200", "400", "600", "800", "1k", "a", "b", "s");
  }

  @Test
  void stacksSeriesAndSplitsMoneyColumnsByCurrency() throws Exception {
    ReportResult r = new ReportResult(ReportSource.OPPORTUNITIES, LocalDate.of(2026, 1, 1),
        List.of(new ReportColumn("stage", ValueType.TEXT), new ReportColumn("count", ValueType.INTEGER),
            new ReportColumn("sum(amount)", ValueType.MONEY)),
        List.of(new ReportRow(ReportRow.Kind.GROUP, 1, List.of("proposal", 2L,
                MoneySums.of(Money.of("10.00", "EUR"), Money.of("3.00", "USD")))),
            new ReportRow(ReportRow.Kind.GROUP, 1, java.util.Arrays.asList(null, 1L, MoneySums.none()))),
        List.of(), null, 2, List.of());

    Document d = parse(SvgChart.of(SvgChart.Kind.STACKED_BAR, "by stage", r, "sum(amount)").toSvg());

    assertThat(texts(d)).contains("proposal", "(none)", "sum(amount) EUR", "sum(amount) USD");
    assertThat(d.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1 + 4 + 2);
  }

  @Test
  void refusesNegativeValuesAndSaysWhenThereIsNoData() throws Exception {
    assertThatThrownBy(() -> SvgChart.of(SvgChart.Kind.LINE, "t").labels(List.of("a"))
        .series("s", List.of(new BigDecimal("-1")))).hasMessageContaining("negative");
    assertThat(texts(parse(SvgChart.of(SvgChart.Kind.LINE, "empty").toSvg()))).contains("No data");
  }
}
