package org.crmkit.jackson2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.json.JsonLimits;
import org.crmkit.shared.FieldError;

/** Jackson 2 tokens to crm-json trees and back, within the limits. */
final class Trees {

  private Trees() {}

  static Object read(JsonParser p, JsonLimits limits) throws IOException {
    return read(p, limits, "", 1);
  }

  private static Object read(JsonParser p, JsonLimits limits, String path, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw invalid(path, "the document ended early");
    }
    switch (t) {
      case START_OBJECT:
      case FIELD_NAME: {
        limits.checkDepth(path, depth);
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken next = t == JsonToken.START_OBJECT ? p.nextToken() : t;
        while (next == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          limits.checkString(path, name.length());
          String child = path.isEmpty() ? name : path + "." + name;
          if (map.containsKey(name)) {
            throw invalid(child, "appears twice; give each property once");
          }
          p.nextToken();
          map.put(name, read(p, limits, child, depth + 1));
          limits.checkProperties(path, map.size());
          next = p.nextToken();
        }
        return map;
      }
      case START_ARRAY: {
        limits.checkDepth(path, depth);
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          limits.checkArraySize(path, list.size() + 1);
          list.add(read(p, limits, path + "[" + list.size() + "]", depth + 1));
        }
        return list;
      }
      case VALUE_STRING:
        limits.checkString(path, p.getTextLength());
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return new BigDecimal(p.getText());
        } catch (NumberFormatException e) {
          throw invalid(path, "'" + p.getText() + "' is not a number crmkit accepts");
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw invalid(path, "is " + t + ", which no crmkit document holds");
    }
  }

  private static InvalidJsonException invalid(String path, String message) {
    return new InvalidJsonException(List.of(new FieldError(path.isEmpty() ? "(document)" : path, message)));
  }

  static void write(Object tree, JsonGenerator g) throws IOException {
    if (tree == null) {
      g.writeNull();
    } else if (tree instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (tree instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(item, g);
      }
      g.writeEndArray();
    } else if (tree instanceof String s) {
      g.writeString(s);
    } else if (tree instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (tree instanceof Integer i) {
      g.writeNumber(i);
    } else if (tree instanceof Long l) {
      g.writeNumber(l);
    } else if (tree instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (tree instanceof BigDecimal d) {
      // as written: never in scientific notation, never through a double
      g.writeNumber(d.toPlainString());
    } else {
      throw new IllegalStateException("not a crm-json tree value: " + tree.getClass().getName());
    }
  }

  static JsonMappingException mappingException(JsonParser p, Class<?> type, InvalidJsonException e) {
    StringBuilder message = new StringBuilder("Invalid crmkit ").append(type.getSimpleName()).append(" document: ");
    List<FieldError> errors = e.errors();
    for (int i = 0; i < errors.size(); i++) {
      message.append(i == 0 ? "" : "; ").append(errors.get(i));
    }
    return JsonMappingException.from(p, message.toString(), e);
  }
}
