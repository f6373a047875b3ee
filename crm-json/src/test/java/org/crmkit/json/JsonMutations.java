package org.crmkit.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random damage to a crm-json tree: one change at a random place, described for the report. */
final class JsonMutations {

  private static final List<Object> HOSTILE = List.of("", " ", "x", "\u0000", "\ud83d\udca5", "' OR 1=1 --",
      "2026-13-45", "NaN", "-1", "1e999999", "9".repeat(40), "0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5", "EUR",
      "customFields.tier", "@class", "java.lang.Runtime");

  private final Random random;
  String description = "";

  JsonMutations(long seed) {
    this.random = new Random(seed);
  }

  /** @return a deep copy of the tree with one random change */
  Object mutate(Object tree) {
    Object copy = copy(tree);
    List<Object[]> places = new ArrayList<>();
    collect(copy, "", places);
    if (places.isEmpty()) {
      description = "replaced the document";
      return replacement();
    }
    Object[] place = places.get(random.nextInt(places.size()));
    String path = (String) place[2];
    @SuppressWarnings("unchecked")
    Object container = place[0];
    int choice = random.nextInt(4);
    if (container instanceof Map<?, ?> raw) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) raw;
      String key = (String) place[1];
      if (choice == 0) {
        map.remove(key);
        description = "removed " + path;
      } else if (choice == 1) {
        map.put("unknown" + random.nextInt(3), replacement());
        description = "added an unknown property beside " + path;
      } else {
        Object value = replacement();
        map.put(key, value);
        description = "set " + path + " to " + shortText(value);
      }
    } else {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) container;
      int index = (Integer) place[1];
      if (choice == 0) {
        list.remove(index);
        description = "removed " + path;
      } else if (choice == 1) {
        list.add(copy(list.get(index)));
        description = "repeated " + path;
      } else {
        Object value = replacement();
        list.set(index, value);
        description = "set " + path + " to " + shortText(value);
      }
    }
    return copy;
  }

  private Object replacement() {
    switch (random.nextInt(9)) {
      case 0:
        return null;
      case 1:
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
      case 2:
        return new BigDecimal(random.nextInt(5) == 0 ? "1.5" : String.valueOf(random.nextInt(2000) - 1000));
      case 3:
        return random.nextBoolean();
      case 4:
        return new ArrayList<>(List.of("x", 1));
      case 5:
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("amount", "1.00");
        object.put("currency", "EUR");
        return object;
      case 6:
        return "y".repeat(JsonLimits.defaults().maxStringLength() + 1);
      case 7:
        Object deep = List.of();
        for (int i = 0; i < JsonLimits.defaults().maxNestingDepth() + 2; i++) {
          deep = List.of(deep);
        }
        return deep;
      default:
        return new BigDecimal("9223372036854775808");
    }
  }

  private static void collect(Object node, String path, List<Object[]> places) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        String p = path.isEmpty() ? (String) key : path + "." + key;
        places.add(new Object[] {node, key, p});
        collect(map.get(key), p, places);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String p = path + "[" + i + "]";
        places.add(new Object[] {node, i, p});
        collect(list.get(i), p, places);
      }
    }
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, copy(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return node;
  }

  private static String shortText(Object value) {
    String s = String.valueOf(value);
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
