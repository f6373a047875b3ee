package org.crmkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.crmkit.report.AggregateFunction;
import org.crmkit.report.DateBucket;
import org.crmkit.report.Operator;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportFilter;
import org.crmkit.report.ReportGroup;
import org.crmkit.report.ReportSort;
import org.crmkit.report.ReportSource;

/**
 * Reads a report definition from JSON: the {@link ReportDefinition} record's own shape (source, columns, filters,
 * groups, aggregates, sorts, limit, offset, reportingCurrency), with every list optional. The core then checks the
 * definition completely ({@code crm.reports().check}).
 */
final class ReportJson {
  private static final Set<String> KEYS = Set.of("source", "columns", "filters", "groups", "aggregates", "sorts",
      "limit", "offset", "reportingCurrency");

  private ReportJson() {}

  static ReportDefinition read(InputStream in) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new CrmCli.CliException("the report definition is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new CrmCli.CliException("a report definition is a JSON object with at least \"source\"");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new CrmCli.CliException("unknown key '" + key + "' in the report definition; keys: "
            + new java.util.TreeSet<>(KEYS));
      }
    }
    ReportSource source = enumOf(ReportSource.class, text(root.get("source"), "source"), "source");
    if (source == null) {
      throw new CrmCli.CliException("the report definition has no \"source\" (one of "
          + java.util.Arrays.toString(ReportSource.values()) + ")");
    }
    List<String> columns = list(root, "columns", (n) -> text(n, "columns[]"));
    List<ReportFilter> filters = list(root, "filters", n -> new ReportFilter(text(n.get("field"), "filters[].field"),
        enumOf(Operator.class, text(n.get("operator"), "filters[].operator"), "filters[].operator"),
        list(n, "values", v -> text(v, "filters[].values[]"))));
    List<ReportGroup> groups = list(root, "groups", n -> n.get("bucket") == null
        ? ReportGroup.by(text(n.get("field"), "groups[].field"))
        : ReportGroup.by(text(n.get("field"), "groups[].field"),
            enumOf(DateBucket.class, text(n.get("bucket"), "groups[].bucket"), "groups[].bucket")));
    List<ReportAggregate> aggregates = list(root, "aggregates", n -> new ReportAggregate(
        enumOf(AggregateFunction.class, text(n.get("function"), "aggregates[].function"), "aggregates[].function"),
        n.get("field") == null ? null : text(n.get("field"), "aggregates[].field")));
    List<ReportSort> sorts = list(root, "sorts", n -> new ReportSort(text(n.get("column"), "sorts[].column"),
        n.path("descending").asBoolean(false)));
    int limit = root.has("limit") ? root.get("limit").asInt() : ReportDefinition.DEFAULT_LIMIT;
    long offset = root.has("offset") ? root.get("offset").asLong() : 0;
    Currency currency = null;
    if (root.hasNonNull("reportingCurrency")) {
      try {
        currency = Currency.getInstance(root.get("reportingCurrency").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CrmCli.CliException("reportingCurrency '" + root.get("reportingCurrency").asText()
            + "' is not an ISO 4217 currency code");
      }
    }
    try {
      return new ReportDefinition(source, columns, filters, groups, aggregates, sorts, limit, offset, currency);
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new CrmCli.CliException("the report definition is not usable: " + e.getMessage());
    }
  }

  private static <T> List<T> list(JsonNode root, String key, Function<JsonNode, T> item) {
    JsonNode n = root.get(key);
    List<T> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new CrmCli.CliException(key + " must be a JSON array");
    }
    n.forEach(x -> out.add(item.apply(x)));
    return out;
  }

  private static String text(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      throw new CrmCli.CliException(where + " is missing");
    }
    if (!n.isValueNode()) {
      throw new CrmCli.CliException(where + " must be a string");
    }
    return n.asText();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CrmCli.CliException(where + " '" + value + "' is not one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }
}
