package org.crmkit.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a CSV file becomes records: plain, immutable data, written by hand as JSON and read with {@link
 * #fromJson(InputStream)} (or built in code with {@link #of(ImportTarget)} and the {@code with...} methods).
 *
 * <pre>{@code
 * { "target": "OPPORTUNITIES", "source": "maven", "externalId": "opportunity_id",
 *   "columns":  { "name": "opportunity_id", "owner": "sales_agent", "stage": "deal_stage",
 *                 "closeDate": "close_date", "amount": "close_value", "account": "account",
 *                 "segment.product": "product" },
 *   "defaults": { "currency": "USD", "amount": "0" },
 *   "values":   { "stage": { "Won": "closed_won", "Lost": "closed_lost" },
 *                 "segment.product": { "GTXPro": "GTX Pro" } },
 *   "blanks":   [ "Select" ],
 *   "dateFormat": "yyyy-MM-dd", "decimalSeparator": ".", "groupingSeparator": "",
 *   "delimiter": ",", "encoding": "UTF-8", "onBadRow": "SKIP", "batchSize": 500 }
 * }</pre>
 *
 * @param target the record type
 * @param source the namespace of this file's external ids (two systems may both have an id "17")
 * @param externalIdColumn the column holding the source system's id, or null: then every run creates records
 * @param columns target field → CSV column (target fields: {@link ImportTarget}, {@code custom.KEY}, {@code
 *     segment.KEY})
 * @param defaults target field → the value used when the column is absent or its cell blank
 * @param values target field → (source value → value to store); source values match trimmed and ignoring case;
 *     a value mapped to {@code ""} becomes blank
 * @param blanks cell values that mean "no value" in every column (e.g. a form's {@code Select} placeholder)
 * @param dateFormat a {@link DateTimeFormatter} pattern for dates
 * @param decimalSeparator the decimal separator of numbers ({@code .} or {@code ,})
 * @param groupingSeparator the thousands separator removed from numbers ({@code ""} for none)
 * @param delimiter the field delimiter (one character)
 * @param encoding the file's character set; bytes that are not valid in it fail the import (never replaced)
 * @param onBadRow what a rejected row does to the rest
 * @param batchSize rows written per unit of work (1 to 10,000)
 * @param accountSource the namespace of {@code account.externalId} values (the accounts file's {@code source})
 */
public record CsvMapping(
    ImportTarget target, String source, String externalIdColumn, Map<String, String> columns,
    Map<String, String> defaults, Map<String, Map<String, String>> values, List<String> blanks, String dateFormat,
    char decimalSeparator, String groupingSeparator, char delimiter, String encoding, BadRowPolicy onBadRow,
    int batchSize, String accountSource) {

  /** Largest batch. */
  public static final int MAX_BATCH = 10_000;

  private static final Set<String> KEYS = Set.of("target", "source", "externalId", "columns", "defaults", "values",
      "blanks", "dateFormat", "decimalSeparator", "groupingSeparator", "delimiter", "encoding", "onBadRow",
      "batchSize", "accountSource");

  /** Validates everything a mapping can get wrong without seeing the file. */
  public CsvMapping {
    if (target == null) {
      throw new CsvMappingException("target is missing: give one of LEADS, ACCOUNTS, CONTACTS, OPPORTUNITIES");
    }
    source = source == null || source.isBlank() ? target.name().toLowerCase(Locale.ROOT) : source.strip();
    externalIdColumn = externalIdColumn == null || externalIdColumn.isBlank() ? null : externalIdColumn;
    columns = ordered(columns);
    defaults = ordered(defaults);
    Map<String, Map<String, String>> folded = new LinkedHashMap<>();
    Objects.requireNonNullElse(values, Map.<String, Map<String, String>>of()).forEach((field, map) -> {
      Map<String, String> f = new LinkedHashMap<>();
      map.forEach((from, to) -> f.put(fold(from), to == null ? "" : to));
      folded.put(field, java.util.Collections.unmodifiableMap(f));
    });
    values = java.util.Collections.unmodifiableMap(folded);
    blanks = Objects.requireNonNullElse(blanks, List.<String>of()).stream().map(CsvMapping::fold).toList();
    dateFormat = dateFormat == null || dateFormat.isBlank() ? "yyyy-MM-dd" : dateFormat;
    groupingSeparator = groupingSeparator == null ? "" : groupingSeparator;
    encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding;
    onBadRow = onBadRow == null ? BadRowPolicy.SKIP : onBadRow;
    batchSize = batchSize == 0 ? 500 : batchSize;
    accountSource = accountSource == null || accountSource.isBlank() ? "accounts" : accountSource.strip();
    List<String> problems = new ArrayList<>();
    for (String field : union(columns.keySet(), defaults.keySet(), values.keySet())) {
      if (!target.accepts(field)) {
        problems.add("'" + field + "' is not a target field of " + target + " (fields: " + target.describe() + ")");
      }
    }
    columns.forEach((field, column) -> {
      if (column == null || column.isBlank()) {
        problems.add("columns." + field + " names no column");
      }
    });
    try {
      DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      problems.add("dateFormat '" + dateFormat + "' is not a date pattern: " + e.getMessage());
    }
    if (decimalSeparator != '.' && decimalSeparator != ',') {
      problems.add("decimalSeparator must be '.' or ','");
    }
    if (groupingSeparator.length() > 1 || groupingSeparator.equals(String.valueOf(decimalSeparator))) {
      problems.add("groupingSeparator must be one character other than the decimal separator, or empty");
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      problems.add("delimiter cannot be a quote or a line break");
    }
    try {
      Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      problems.add("encoding '" + encoding + "' is not a character set this JVM knows (e.g. UTF-8, windows-1252)");
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      problems.add("batchSize must be 1 to " + MAX_BATCH + ", was " + batchSize);
    }
    if (!problems.isEmpty()) {
      throw new CsvMappingException("the CSV mapping is not usable: " + String.join("; ", problems));
    }
  }

  /** @return a mapping for {@code target} with every setting at its default and no columns */
  public static CsvMapping of(ImportTarget target) {
    return new CsvMapping(target, null, null, Map.of(), Map.of(), Map.of(), List.of(), null, '.', "", ',', null,
        null, 0, null);
  }

  /** @return a copy that fills {@code field} from {@code column} */
  public CsvMapping withColumn(String field, String column) {
    Map<String, String> c = new LinkedHashMap<>(columns);
    c.put(field, column);
    return new CsvMapping(target, source, externalIdColumn, c, defaults, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy whose external ids come from {@code column} in the namespace {@code sourceName} */
  public CsvMapping withExternalId(String sourceName, String column) {
    return new CsvMapping(target, sourceName, column, columns, defaults, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy with a default for {@code field} */
  public CsvMapping withDefault(String field, String value) {
    Map<String, String> d = new LinkedHashMap<>(defaults);
    d.put(field, value);
    return new CsvMapping(target, source, externalIdColumn, columns, d, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy that maps {@code from} to {@code to} in {@code field} */
  public CsvMapping withValue(String field, String from, String to) {
    Map<String, Map<String, String>> v = new LinkedHashMap<>(values);
    Map<String, String> m = new LinkedHashMap<>(v.getOrDefault(field, Map.of()));
    m.put(fold(from), to);
    v.put(field, m);
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, v, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy that treats {@code placeholders} as blank cells */
  public CsvMapping withBlanks(String... placeholders) {
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, values, List.of(placeholders),
        dateFormat, decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy with other number and date formats */
  public CsvMapping withFormats(String datePattern, char decimal, String grouping) {
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, values, blanks, datePattern,
        decimal, grouping, delimiter, encoding, onBadRow, batchSize, accountSource);
  }

  /** @return a copy with another delimiter and encoding */
  public CsvMapping withFile(char fieldDelimiter, String charset) {
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, fieldDelimiter, charset, onBadRow, batchSize, accountSource);
  }

  /** @return a copy with another bad-row policy and batch size */
  public CsvMapping withPolicy(BadRowPolicy policy, int rowsPerBatch) {
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, policy, rowsPerBatch, accountSource);
  }

  /** @return a copy whose {@code account.externalId} values are in the namespace {@code sourceName} */
  public CsvMapping withAccountSource(String sourceName) {
    return new CsvMapping(target, source, externalIdColumn, columns, defaults, values, blanks, dateFormat,
        decimalSeparator, groupingSeparator, delimiter, encoding, onBadRow, batchSize, sourceName);
  }

  /** @return the charset of {@link #encoding()} */
  public Charset charset() {
    return Charset.forName(encoding);
  }

  /** @return the column that fills {@code field}, if any */
  public Optional<String> column(String field) {
    return Optional.ofNullable(columns.get(field));
  }

  /**
   * Reads a mapping from JSON (the shape in the class comment). Unknown keys are refused, so a misspelt key does
   * not silently do nothing.
   *
   * @throws CsvMappingException naming what is wrong
   */
  public static CsvMapping fromJson(InputStream json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new CsvMappingException("the mapping is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      throw new CsvMappingException("the mapping cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CsvMappingException("the mapping must be a JSON object with at least \"target\" and \"columns\"");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new CsvMappingException("unknown key '" + key + "' in the mapping; keys: " + new java.util.TreeSet<>(KEYS));
      }
    }
    ImportTarget target = enumOf(ImportTarget.class, text(root, "target"), "target");
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    JsonNode v = root.get("values");
    if (v != null) {
      requireObject(v, "values");
      v.properties().forEach(e -> values.put(e.getKey(), strings(e.getValue(), "values." + e.getKey())));
    }
    List<String> blanks = new ArrayList<>();
    JsonNode b = root.get("blanks");
    if (b != null) {
      if (!b.isArray()) {
        throw new CsvMappingException("blanks must be an array of strings");
      }
      b.forEach(n -> blanks.add(n.asText()));
    }
    JsonNode batch = root.get("batchSize");
    if (batch != null && !batch.canConvertToInt()) {
      throw new CsvMappingException("batchSize must be a whole number");
    }
    return new CsvMapping(target, text(root, "source"), text(root, "externalId"),
        strings(root.get("columns"), "columns"), strings(root.get("defaults"), "defaults"), values, blanks,
        text(root, "dateFormat"), character(root, "decimalSeparator", '.'),
        Objects.requireNonNullElse(text(root, "groupingSeparator"), ""), character(root, "delimiter", ','),
        text(root, "encoding"), enumOf(BadRowPolicy.class, text(root, "onBadRow"), "onBadRow"),
        batch == null ? 0 : batch.asInt(), text(root, "accountSource"));
  }

  /** An unmodifiable copy that keeps the mapping file's order (messages list columns in that order). */
  private static Map<String, String> ordered(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNullElse(map, Map.<String, String>of()).forEach((k, v) -> copy.put(
        Objects.requireNonNull(k, "a mapped field"), v));
    return java.util.Collections.unmodifiableMap(copy);
  }

  static String fold(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }

  private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new CsvMappingException(key + " must be a string");
    }
    return n.asText();
  }

  private static char character(JsonNode root, String key, char fallback) {
    String t = text(root, key);
    if (t == null || t.isEmpty()) {
      return fallback;
    }
    if (t.equals("\\t") || t.equals("tab")) {
      return '\t';
    }
    if (t.length() != 1) {
      throw new CsvMappingException(key + " must be one character, was '" + t + "'");
    }
    return t.charAt(0);
  }

  private static void requireObject(JsonNode n, String key) {
    if (!n.isObject()) {
      throw new CsvMappingException(key + " must be a JSON object");
    }
  }

  private static Map<String, String> strings(JsonNode n, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    requireObject(n, key);
    n.properties().forEach(e -> {
      if (!e.getValue().isValueNode()) {
        throw new CsvMappingException(key + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
    });
    return out;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String key) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CsvMappingException(key + " '" + value + "' is not one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }
}
