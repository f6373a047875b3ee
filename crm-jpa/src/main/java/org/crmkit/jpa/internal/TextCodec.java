package org.crmkit.jpa.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.conversion.FieldFill;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.shared.Segments;

/**
 * Encodes custom fields and segments into one VARCHAR column and back, exactly. One entry per line, fields
 * separated by a tab ({@code key TAB TYPE TAB value} for custom fields, {@code dimension TAB value} for
 * segments), with backslash, tab, CR and LF escaped as {@code \\ \t \r \n}. Entries are sorted by key (the
 * value types keep them sorted), so equal values give equal text. No values is stored as NULL.
 *
 * <p>Numbers are written with {@link java.math.BigDecimal#toString()}, which round-trips scale exactly (1E+3
 * stays 1E+3); everything else with {@link CustomValue#asText()} and is read back with
 * {@link CustomValue#parse}.
 */
final class TextCodec {
  /**
   * Size of the {@code segments} columns: holds the longest encoding the core's limits allow (every dimension
   * with a key and value of full length made of backslashes, which the encoding doubles).
   */
  static final int SEGMENTS_COLUMN = 4000;

  /** Size of the {@code custom_fields} columns, likewise for the core's custom field limits. */
  static final int CUSTOM_FIELDS_COLUMN = 65535;
  private TextCodec() {}

  static String encode(CustomFields fields) {
    if (fields == null || fields.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    fields.values().forEach((key, value) -> {
      if (out.length() > 0) {
        out.append('\n');
      }
      String text = value instanceof CustomValue.NumberValue n ? n.value().toString() : value.asText();
      out.append(escape(key)).append('\t').append(value.type().name()).append('\t').append(escape(text));
    });
    return out.toString();
  }

  static CustomFields decodeCustomFields(String text) {
    if (text == null || text.isEmpty()) {
      return CustomFields.empty();
    }
    Map<String, CustomValue> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      List<String> parts = split(line, 3);
      values.put(parts.get(0), CustomValue.parse(FieldType.valueOf(parts.get(1)), parts.get(2)));
    }
    return CustomFields.of(values);
  }

  static String encode(Segments segments) {
    if (segments == null || segments.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    segments.values().forEach((key, value) -> {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(escape(key)).append('\t').append(escape(value));
    });
    return out.toString();
  }

  static Segments decodeSegments(String text) {
    if (text == null || text.isEmpty()) {
      return Segments.none();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      List<String> parts = split(line, 2);
      values.put(parts.get(0), parts.get(1));
    }
    return Segments.of(values);
  }

  /**
   * Encodes the fields a conversion filled into a linked record, one per line:
   * {@code field TAB TYPE TAB value TAB beforeTYPE TAB before}, with {@code -} and an empty text as the "before"
   * of a field that was empty. No fills is stored as NULL.
   */
  static String encodeFills(List<FieldFill> fills) {
    if (fills.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (FieldFill f : fills) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(escape(f.field())).append('\t').append(f.after().type().name()).append('\t')
          .append(escape(text(f.after()))).append('\t')
          .append(f.before().map(b -> b.type().name()).orElse("-")).append('\t')
          .append(escape(f.before().map(TextCodec::text).orElse("")));
    }
    return out.toString();
  }

  static List<FieldFill> decodeFills(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<FieldFill> fills = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      List<String> parts = split(line, 5);
      Optional<CustomValue> before = parts.get(3).equals("-") ? Optional.empty()
          : Optional.of(CustomValue.parse(FieldType.valueOf(parts.get(3)), parts.get(4)));
      fills.add(new FieldFill(parts.get(0), before, CustomValue.parse(FieldType.valueOf(parts.get(1)), parts.get(2))));
    }
    return fills;
  }

  private static String text(CustomValue value) {
    return value instanceof CustomValue.NumberValue n ? n.value().toString() : value.asText();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Splits one line on unescaped tabs and unescapes each part. */
  private static List<String> split(String line, int expected) {
    List<String> parts = new ArrayList<>(expected);
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        parts.add(current.toString());
        current.setLength(0);
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        current.append(switch (next) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> next;
        });
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    if (parts.size() != expected) {
      throw new IllegalStateException(
          "a stored custom field or segment entry is corrupt (expected " + expected + " parts): " + line);
    }
    return parts;
  }
}
