package org.crmkit.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.crmkit.budget.AccountCard;
import org.crmkit.shared.Money;

/**
 * Renders report figures as a self-contained SVG document (plain XML: no script, no external style, font or
 * image), so that a host shows a chart without a chart library. Every text (title, labels, legend) is escaped;
 * axis labels are placed and, when many, turned so that they stay readable. Values must not be negative. Immutable
 * and thread-safe; build one with {@link #of(Kind, String)}.
 */
public final class SvgChart {
  /** The chart types. */
  public enum Kind {
    /** Bars side by side per label, one per series. */
    BAR,
    /** One bar per label, the series stacked. */
    STACKED_BAR,
    /** One line per series over the labels. */
    LINE,
    /** One centred bar per label, narrowing with the value (the first series only). */
    FUNNEL
  }

  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 48;
  private static final int BOTTOM = 110;
  private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

  private final Kind kind;
  private final String title;
  private final List<String> labels;
  private final Map<String, List<BigDecimal>> series;

  private SvgChart(Kind kind, String title, List<String> labels, Map<String, List<BigDecimal>> series) {
    this.kind = kind;
    this.title = title;
    this.labels = labels;
    this.series = series;
  }

  /**
   * @param kind never null
   * @param title shown on top; never null
   * @return an empty chart to add labels and series to
   */
  public static SvgChart of(Kind kind, String title) {
    return new SvgChart(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(title, "title"), List.of(),
        Map.of());
  }

  /** @return this chart with the x-axis labels (at most 500) */
  public SvgChart labels(List<String> values) {
    if (values.size() > 500) {
      throw new IllegalArgumentException("at most 500 labels, were " + values.size());
    }
    return new SvgChart(kind, title, List.copyOf(values), series);
  }

  /**
   * @param name the series name shown in the legend; never null
   * @param values one per label (null is drawn as zero); none negative
   * @return this chart with one more series (at most 20)
   */
  public SvgChart series(String name, List<BigDecimal> values) {
    Objects.requireNonNull(name, "name");
    List<BigDecimal> copy = new ArrayList<>(values.size());
    for (BigDecimal v : values) {
      BigDecimal value = v == null ? BigDecimal.ZERO : v;
      if (value.signum() < 0) {
        throw new IllegalArgumentException("series '" + name + "' holds a negative value: " + value);
      }
      copy.add(value);
    }
    Map<String, List<BigDecimal>> more = new LinkedHashMap<>(series);
    more.put(name, Collections.unmodifiableList(copy));
    if (more.size() > 20) {
      throw new IllegalArgumentException("at most 20 series");
    }
    return new SvgChart(kind, title, labels, Collections.unmodifiableMap(more));
  }

  /**
   * A chart of a grouped report: the labels are the first group column, one series per numeric or money column
   * named (a money column gives one series per currency, "column CUR").
   *
   * @param kind never null
   * @param title never null
   * @param result a grouped report; never null
   * @param columns the aggregate columns to draw; none means every numeric and money column
   * @return the chart
   */
  public static SvgChart of(Kind kind, String title, ReportResult result, String... columns) {
    List<String> names = new ArrayList<>(List.of(columns));
    if (names.isEmpty()) {
      for (int i = 1; i < result.columns().size(); i++) {
        if (result.columns().get(i).type().isNumeric()) {
          names.add(result.columns().get(i).name());
        }
      }
    }
    List<String> labels = new ArrayList<>();
    for (ReportRow row : result.rows()) {
      labels.add(row.cell(0) == null ? "(none)" : row.cell(0).toString());
    }
    SvgChart chart = of(kind, title).labels(labels);
    for (String name : names) {
      int c = result.column(name);
      if (result.columns().get(c).type() == ValueType.MONEY) {
        Map<String, List<BigDecimal>> perCurrency = new LinkedHashMap<>();
        for (int r = 0; r < result.rows().size(); r++) {
          MoneySums sums = (MoneySums) result.rows().get(r).cell(c);
          if (sums != null) {
            for (Money m : sums.amounts()) {
              List<BigDecimal> values = perCurrency.computeIfAbsent(m.currencyCode(), k -> new ArrayList<>(
                  Collections.nCopies(result.rows().size(), BigDecimal.ZERO)));
              values.set(r, m.amount());
            }
          }
        }
        for (Map.Entry<String, List<BigDecimal>> e : perCurrency.entrySet()) {
          chart = chart.series(perCurrency.size() == 1 ? name : name + " " + e.getKey(), e.getValue());
        }
      } else {
        List<BigDecimal> values = new ArrayList<>();
        for (ReportRow row : result.rows()) {
          Object v = row.cell(c);
          values.add(v == null ? null : new BigDecimal(v.toString()));
        }
        chart = chart.series(name, values);
      }
    }
    return chart;
  }

  /**
   * The account card's chart: budget, forecast, weighted and won by month as lines (or bars).
   *
   * @param kind never null
   * @param card never null
   * @return the chart
   */
  public static SvgChart of(Kind kind, AccountCard card) {
    SvgChart chart = of(kind, "Account card " + card.from() + " to " + card.to() + " ("
        + card.currency().getCurrencyCode() + ")").labels(card.labels());
    for (AccountCard.Series s : AccountCard.Series.values()) {
      chart = chart.series(s.name().toLowerCase(Locale.ROOT), card.series(s));
    }
    return chart;
  }

  /** @return the SVG document */
  public String toSvg() {
    for (Map.Entry<String, List<BigDecimal>> e : series.entrySet()) {
      if (e.getValue().size() != labels.size()) {
        throw new IllegalStateException("series '" + e.getKey() + "' has " + e.getValue().size() + " values for "
            + labels.size() + " labels");
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("<title>").append(escape(title)).append("</title>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">")
        .append(escape(title)).append("</text>\n");
    if (labels.isEmpty() || series.isEmpty()) {
      svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
          .append("\" text-anchor=\"middle\">No data</text>\n");
      return svg.append("</svg>\n").toString();
    }
    if (kind == Kind.FUNNEL) {
      funnel(svg);
    } else {
      axes(svg);
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private BigDecimal max() {
    BigDecimal max = BigDecimal.ZERO;
    for (int i = 0; i < labels.size(); i++) {
      BigDecimal stack = BigDecimal.ZERO;
      for (List<BigDecimal> values : series.values()) {
        if (kind == Kind.STACKED_BAR) {
          stack = stack.add(values.get(i));
        } else {
          max = max.max(values.get(i));
        }
      }
      max = max.max(stack);
    }
    return max;
  }

  /** A round axis maximum: 1, 2, 2.5 or 5 times a power of ten, at least {@code max}. */
  private static BigDecimal niceMax(BigDecimal max) {
    if (max.signum() == 0) {
      return BigDecimal.ONE;
    }
    BigDecimal power = BigDecimal.ONE.movePointRight(max.precision() - max.scale() - 1);
    for (String step : new String[] {"1", "2", "2.5", "5", "10"}) {
      BigDecimal candidate = power.multiply(new BigDecimal(step));
      if (candidate.compareTo(max) >= 0) {
        return candidate;
      }
    }
    return power.multiply(BigDecimal.TEN);
  }

  private double y(BigDecimal value, BigDecimal top) {
    return TOP + plotHeight() - value.divide(top, 6, RoundingMode.HALF_UP).doubleValue() * plotHeight();
  }

  private void axes(StringBuilder svg) {
    BigDecimal top = niceMax(max());
    int x0 = LEFT;
    int y0 = TOP + plotHeight();
    for (int t = 0; t <= 5; t++) {
      BigDecimal value = top.multiply(BigDecimal.valueOf(t)).divide(BigDecimal.valueOf(5), 6, RoundingMode.HALF_UP);
      double y = y(value, top);
      svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(num(y)).append("\" x2=\"")
          .append(x0 + plotWidth()).append("\" y2=\"").append(num(y)).append("\" stroke=\"#e0e0e0\"/>\n");
      svg.append("<text x=\"").append(x0 - 6).append("\" y=\"").append(num(y + 4))
          .append("\" text-anchor=\"end\">").append(escape(tick(value))).append("</text>\n");
    }
    svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"").append(x0 + plotWidth())
        .append("\" y2=\"").append(y0).append("\" stroke=\"#333333\"/>\n");
    svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x0)
        .append("\" y2=\"").append(y0).append("\" stroke=\"#333333\"/>\n");
    double slot = (double) plotWidth() / labels.size();
    boolean turn = labels.size() > 8 || labels.stream().anyMatch(l -> l.length() * 7 > slot);
    for (int i = 0; i < labels.size(); i++) {
      double x = x0 + slot * i + slot / 2;
      String label = labels.get(i).length() > 28 ? labels.get(i).substring(0, 27) + "\u2026" : labels.get(i);
      if (turn) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(y0 + 14)
            .append("\" text-anchor=\"end\" transform=\"rotate(-40 ").append(num(x)).append(' ').append(y0 + 14)
            .append(")\">");
      } else {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(y0 + 18).append("\" text-anchor=\"middle\">");
      }
      svg.append(escape(label)).append("</text>\n");
    }
    List<List<BigDecimal>> all = new ArrayList<>(series.values());
    if (kind == Kind.LINE) {
      for (int s = 0; s < all.size(); s++) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
          points.append(i == 0 ? "" : " ").append(num(x0 + slot * i + slot / 2)).append(',')
              .append(num(y(all.get(s).get(i), top)));
        }
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(s)).append("\" points=\"")
            .append(points).append("\"/>\n");
      }
      return;
    }
    for (int i = 0; i < labels.size(); i++) {
      double base = y0;
      for (int s = 0; s < all.size(); s++) {
        BigDecimal v = all.get(s).get(i);
        double h = y0 - y(v, top);
        double width = kind == Kind.STACKED_BAR ? slot * 0.6 : slot * 0.8 / all.size();
        double x = kind == Kind.STACKED_BAR ? x0 + slot * i + slot * 0.2 : x0 + slot * i + slot * 0.1 + width * s;
        double yTop = kind == Kind.STACKED_BAR ? base - h : y0 - h;
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(yTop)).append("\" width=\"")
            .append(num(width)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(colour(s))
            .append("\"><title>").append(escape(labels.get(i) + ", " + keyAt(s) + ": " + v.toPlainString()))
            .append("</title></rect>\n");
        base -= h;
      }
    }
  }

  private String keyAt(int index) {
    return new ArrayList<>(series.keySet()).get(index);
  }

  private void funnel(StringBuilder svg) {
    List<BigDecimal> values = series.values().iterator().next();
    BigDecimal top = max();
    BigDecimal widest = top.signum() == 0 ? BigDecimal.ONE : top;
    double slot = (double) (HEIGHT - TOP - 60) / labels.size();
    for (int i = 0; i < labels.size(); i++) {
      double w = values.get(i).divide(widest, 6, RoundingMode.HALF_UP).doubleValue() * (WIDTH - 320);
      double x = (WIDTH - w) / 2;
      double y = TOP + slot * i;
      svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
          .append("\" height=\"").append(num(slot * 0.8)).append("\" fill=\"").append(colour(i)).append("\"/>\n");
      svg.append("<text x=\"").append(150).append("\" y=\"").append(num(y + slot * 0.5))
          .append("\" text-anchor=\"end\">").append(escape(labels.get(i))).append("</text>\n");
      svg.append("<text x=\"").append(WIDTH - 150).append("\" y=\"").append(num(y + slot * 0.5))
          .append("\">").append(escape(values.get(i).toPlainString())).append("</text>\n");
    }
  }

  private void legend(StringBuilder svg) {
    if (kind == Kind.FUNNEL) {
      return;
    }
    int x = LEFT;
    int y = HEIGHT - 16;
    int s = 0;
    for (String name : series.keySet()) {
      svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"10\" height=\"10\" fill=\"")
          .append(colour(s++)).append("\"/>\n");
      String shown = name.length() > 24 ? name.substring(0, 23) + "\u2026" : name;
      svg.append("<text x=\"").append(x + 14).append("\" y=\"").append(y).append("\">").append(escape(shown))
          .append("</text>\n");
      x += 24 + shown.length() * 7;
    }
  }

  private static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Axis ticks: plain numbers, thousands as k and millions as M. */
  private static String tick(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
      return v.movePointLeft(6).stripTrailingZeros().toPlainString() + "M";
    }
    if (v.compareTo(BigDecimal.valueOf(1_000)) >= 0) {
      return v.movePointLeft(3).stripTrailingZeros().toPlainString() + "k";
    }
    return v.setScale(Math.min(Math.max(v.scale(), 0), 2), RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /**
   * @return {@code text} safe as XML character data and attribute value: markup characters escaped, characters XML
   *     1.0 does not allow (control characters, lone surrogates) replaced by U+FFFD
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&apos;");
          break;
        default:
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE
              || c == 0xFFFF) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
