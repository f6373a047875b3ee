package org.crmkit.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.crmkit.Crm;
import org.crmkit.account.AccountQuery;
import org.crmkit.contact.ContactQuery;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Segments;

/**
 * Writes the records an actor may see as CSV (RFC 4180, a header row), one column per field of the record's
 * snapshot; segment values and custom fields become one column each ({@code segment.KEY}, {@code custom.KEY}),
 * amounts two ({@code amount}, {@code amount.currency}). Every text cell goes through {@link CsvCells#neutralise}.
 * Records are read a page at a time, so memory stays bounded.
 */
public final class CsvExporter {
  private static final int PAGE = 500;

  private final Crm crm;

  private CsvExporter(Crm crm) {
    this.crm = crm;
  }

  /** @return an exporter over {@code crm} */
  public static CsvExporter over(Crm crm) {
    return new CsvExporter(Objects.requireNonNull(crm, "crm"));
  }

  /**
   * Writes every record of {@code type} that {@code actor} may see in its tenant to {@code out} (not closed).
   *
   * @return the number of records written
   */
  public long export(Actor actor, ImportTarget type, Writer out) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(out, "out");
    return switch (Objects.requireNonNull(type, "type")) {
      case LEADS -> write(out, p -> crm.leads().list(actor, LeadQuery.all(), p).map(l -> (Record) l.snapshot()));
      case ACCOUNTS -> write(out, p -> crm.accounts().list(actor, AccountQuery.all(), p)
          .map(a -> (Record) a.snapshot()));
      case CONTACTS -> write(out, p -> crm.contacts().list(actor, ContactQuery.all(), p)
          .map(c -> (Record) c.snapshot()));
      case OPPORTUNITIES -> write(out, p -> crm.opportunities().list(actor, OpportunityQuery.all(), p)
          .map(o -> (Record) o.snapshot()));
    };
  }

  private long write(Writer out, Function<PageRequest, Page<Record>> pages) {
    try {
      CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
      long n = 0;
      List<Column> columns = null;
      Page<Record> page = pages.apply(PageRequest.of(0, PAGE));
      while (true) {
        for (Record r : page.items()) {
          if (columns == null) {
            columns = columns(page.items());
            printer.printRecord(columns.stream().map(Column::name).toList());
          }
          List<String> cells = new ArrayList<>(columns.size());
          for (Column c : columns) {
            cells.add(CsvCells.neutralise(c.value().apply(r)));
          }
          printer.printRecord(cells);
          n++;
        }
        if (!page.hasNext()) {
          break;
        }
        page = pages.apply(PageRequest.of(page.request().page() + 1, PAGE));
      }
      printer.flush();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CSV export", e);
    }
  }

  private record Column(String name, Function<Record, String> value) {}

  /**
   * One column per snapshot component; a nested details record is flattened; segments and custom fields get a
   * column per key seen on the first page (keys that first appear later are left out).
   */
  private static List<Column> columns(List<Record> firstPage) {
    List<Column> out = new ArrayList<>();
    add(out, "", firstPage.get(0).getClass(), r -> r, firstPage);
    return out;
  }

  private static void add(List<Column> out, String prefix, Class<?> type, Function<Record, Object> path,
      List<Record> sample) {
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + c.getName();
      Function<Record, Object> get = r -> {
        Object owner = path.apply(r);
        return owner == null ? null : read(owner, c);
      };
      Class<?> t = c.getType();
      if (Money.class.equals(t)) {
        out.add(new Column(name, r -> get.apply(r) instanceof Money m ? m.amount().toPlainString() : ""));
        out.add(new Column(name + ".currency", r -> get.apply(r) instanceof Money m ? m.currencyCode() : ""));
      } else if (Segments.class.equals(t)) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        sample.forEach(r -> {
          if (get.apply(r) instanceof Segments s) {
            keys.addAll(s.values().keySet());
          }
        });
        keys.forEach(k -> out.add(new Column("segment." + k,
            r -> get.apply(r) instanceof Segments s ? s.values().getOrDefault(k, "") : "")));
      } else if (CustomFields.class.equals(t)) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        sample.forEach(r -> {
          if (get.apply(r) instanceof CustomFields f) {
            keys.addAll(f.values().keySet());
          }
        });
        keys.forEach(k -> out.add(new Column("custom." + k, r -> {
          if (get.apply(r) instanceof CustomFields f && f.values().containsKey(k)) {
            CustomValue v = f.values().get(k);
            return v == null ? "" : v.asText();
          }
          return "";
        })));
      } else if (t.isRecord() && !t.getSimpleName().endsWith("Id") && prefix.isEmpty()) {
        add(out, t.getSimpleName().endsWith("Details") ? "" : name + ".", t, r -> get.apply(r), sample);
      } else {
        out.add(new Column(name, r -> {
          Object v = get.apply(r);
          return v == null || v instanceof Collection<?> col && col.isEmpty() ? "" : v.toString();
        }));
      }
    }
  }

  private static Object read(Object owner, RecordComponent c) {
    try {
      return c.getAccessor().invoke(owner);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + owner.getClass().getSimpleName(), e);
    }
  }
}
