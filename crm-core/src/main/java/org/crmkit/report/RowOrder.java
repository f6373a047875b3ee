package org.crmkit.report;

import java.util.Comparator;
import java.util.List;
import org.crmkit.shared.Money;

/** The order of a report's rows ({@link ReportEngine}): by the definition's sorts, then by the groups. Stateless. */
final class RowOrder {
  private RowOrder() {}

  static Comparator<ReportRow> groupOrder(int groups) {
    Comparator<ReportRow> c = (a, b) -> 0;
    for (int g = 0; g < groups; g++) {
      int index = g;
      c = c.thenComparing((a, b) -> compareCells(a.cell(index), b.cell(index)));
    }
    return c;
  }

  static Comparator<ReportRow> order(ReportPlan plan, List<ReportColumn> columns) {
    List<String> names = columns.stream().map(ReportColumn::name).toList();
    Comparator<ReportRow> c = (a, b) -> 0;
    for (ReportSort s : plan.definition().sorts()) {
      int index = names.indexOf(s.column());
      Comparator<ReportRow> one = (a, b) -> {
        Object x = a.cell(index);
        Object y = b.cell(index);
        if (isEmpty(x) || isEmpty(y)) {
          return compareCells(x, y); // missing values last, whatever the direction
        }
        int r = compareCells(x, y);
        return s.descending() ? -r : r;
      };
      c = c.thenComparing(one);
    }
    return c.thenComparing(groupOrder(plan.groups().size()));
  }

  static boolean isEmpty(Object cell) {
    return cell == null || (cell instanceof MoneySums m && m.isEmpty());
  }

  /**
   * Missing values last; money by its first currency's code, then amount; everything else by its natural order
   * (text by {@link String#compareTo}, the same on every storage).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareCells(Object x, Object y) {
    boolean xe = isEmpty(x);
    boolean ye = isEmpty(y);
    if (xe || ye) {
      return xe == ye ? 0 : xe ? 1 : -1;
    }
    if (x instanceof MoneySums a && y instanceof MoneySums b) {
      Money ma = a.amounts().get(0);
      Money mb = b.amounts().get(0);
      int byCode = ma.currencyCode().compareTo(mb.currencyCode());
      return byCode != 0 ? byCode : ma.amount().compareTo(mb.amount());
    }
    return ((Comparable) x).compareTo(y);
  }
}
