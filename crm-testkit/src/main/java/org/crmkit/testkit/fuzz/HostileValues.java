package org.crmkit.testkit.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values as a careless or hostile caller would send them: empty, blank, too long by one, invalid Unicode,
 * control characters, letters whose lower case is longer, odd decimals and extreme dates. Deterministic for a seed.
 * Not thread-safe.
 */
public final class HostileValues {
  /** Text lengths around the limits the core and the schema use. */
  private static final int[] LIMITS = {40, 80, 120, 200, 254, 255, 400, 4000};

  /** Decimal amounts that test precision, scale and magnitude but compute quickly even when mishandled. */
  public static final List<String> DECIMALS = List.of(
      "0", "-0.00", "1", "-1", "0.001", "0.005", "0.015", "12.345", "999999999999999.99", "1000000000000000",
      "99999999999999.9999", "100000000000000", "1E+15", "1E+14", "9.99E+14", "1E+20", "1E-20", "1E+1000",
      "-1E+1000", "1E-1000", "123456789012345678901234567890", "0.1234567890123456789", "5E-3", "2.5",
      "-999999999999999.99");

  /** Decimals whose careless handling takes seconds or never finishes: each must be refused (or stored) quickly. */
  public static final List<String> HUGE_DECIMALS = List.of(
      "1E+10000000", "1E+100000000", "-1E+100000000", "1E-100000000", "1E+2147483647", "1E-2147483647",
      "0E+100000000");

  /** Dates at and beyond the edges of what databases store, and around the Gregorian cut-over. */
  public static final List<LocalDate> DATES = List.of(
      LocalDate.MIN, LocalDate.MAX, LocalDate.of(0, 1, 1), LocalDate.of(-100, 3, 1), LocalDate.of(-5000, 1, 1),
      LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 10), LocalDate.of(1582, 10, 15),
      LocalDate.of(1899, 12, 31), LocalDate.of(1900, 1, 1), LocalDate.of(1970, 1, 1), LocalDate.of(2026, 3, 2),
      LocalDate.of(2038, 1, 19), LocalDate.of(9999, 12, 31), LocalDate.of(10000, 1, 1),
      LocalDate.of(999_999_999, 12, 31), LocalDate.of(-999_999_999, 1, 1));

  /** Texts each storage must keep exactly or refuse up front. */
  public static final List<String> TEXTS = List.of(
      "", " ", "\t", "\n", "\u0000", "a\u0000b", "\uD800", "x\uDC00y", "\uDBFF", "\u0007bell", "\u001B[31mred",
      "\u007F", "\u0085", "\u2028", "\uFEFF", "\uFFFE", "\uFFFF", "\u202Eevil", "zero\u200Bwidth", "\uD83D\uDE00",
      "İstanbul Ltd", "ΣΊΣΥΦΟΣ AE", "ß", "ﬁ", "Ǆ", "e\u0301", "'; drop table crm_lead; --", "%_\\", "line\nbreak",
      "tab\tand\r\nCRLF", "  padded  ", "İ".repeat(150), "ẞ".repeat(100));

  private final Random random;

  /** @param seed the seed; the same seed gives the same values */
  public HostileValues(long seed) {
    this.random = new Random(seed);
  }

  /** @return true with probability {@code percent}/100 */
  public boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /**
   * @param count the number of fields
   * @return for each field whether a partial update names it (about half of them; sometimes none)
   */
  public boolean[] someOf(int count) {
    boolean[] named = new boolean[count];
    for (int i = 0; i < count; i++) {
      named[i] = random.nextBoolean();
    }
    return named;
  }

  /** @return one of the values */
  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** @return one of the values */
  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** @return an integer in [0, bound) */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** @return a text: often ordinary, often hostile, sometimes null */
  public String text() {
    return switch (random.nextInt(12)) {
      case 0 -> null;
      case 1, 2 -> oneOf(TEXTS);
      case 3 -> around(oneOfLimits(), 'x');
      case 4 -> around(oneOfLimits(), 'İ');
      case 5 -> "x".repeat(10_000 + random.nextInt(100_000));
      case 6 -> "name " + oneOf(TEXTS) + " " + random.nextInt(1000);
      case 7 -> randomCodeUnits(1 + random.nextInt(40));
      default -> oneOf("Ada", "Lovelace", "Acme Oy", "O'Brien & Sons", "Analytical Engines", "Espoo") + " "
          + random.nextInt(1000);
    };
  }

  /** @return mostly an ordinary text (or null), sometimes (one in five) a {@link #text()} */
  public String field() {
    if (chance(20)) {
      return text();
    }
    return chance(20) ? null : oneOf("Ada", "Lovelace", "Acme Oy", "Espoo", "CTO", "+358 40 123") + " "
        + random.nextInt(1000);
  }

  /** @return mostly an ordinary address (or null), sometimes (one in five) an {@link #email()} */
  public String emailField() {
    if (chance(20)) {
      return email();
    }
    return chance(20) ? null : "user" + random.nextInt(100_000) + "@example.com";
  }

  /** @return an e-mail address: valid, invalid, hostile, long, or null */
  public String email() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> text();
      case 2 -> "x".repeat(64) + "@" + "d".repeat(180) + ".example";
      case 3 -> "İ".repeat(60 + random.nextInt(70)) + "@example.com";
      case 4 -> "ada\u0000@example.com";
      case 5 -> "ada@\uD800.example";
      case 6 -> "ADA.Lovelace+Tag@Example.COM";
      case 7 -> "a@b";
      default -> "user" + random.nextInt(100_000) + "@example.com";
    };
  }

  /** @return a decimal text: ordinary or odd, never one of {@link #HUGE_DECIMALS} */
  public String decimal() {
    return switch (random.nextInt(4)) {
      case 0 -> oneOf(DECIMALS);
      case 1 -> new BigDecimal(new BigInteger(1 + random.nextInt(80), random), random.nextInt(60) - 30)
          .toString();
      default -> BigDecimal.valueOf(random.nextInt(10_000_000), 2).toString();
    };
  }

  /** @return a currency code, mostly valid */
  public String currency() {
    return oneOf("EUR", "EUR", "USD", "JPY", "BHD", "CLF", "XXX", "XAU", "eur", "EURO", "", " EUR", "\u0000UR");
  }

  /** @return a date: ordinary or extreme, sometimes null */
  public LocalDate date() {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1, 2 -> oneOf(DATES);
      default -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000L);
    };
  }

  /** @return a probability in percent: in range, out of range, or null */
  public Integer probability() {
    return oneOf(null, 0, 1, 50, 99, 100, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt(101));
  }

  /** @return segments: none, ordinary or hostile keys and values */
  public Map<String, String> segments() {
    if (chance(60)) {
      return null;
    }
    Map<String, String> segments = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String key = chance(50) ? oneOf("region", "industry", "size") : text();
      String value = chance(50) ? oneOf("north", "south", "big") : text();
      if (key != null && value != null) {
        segments.put(key, value);
      }
    }
    return segments;
  }

  private int oneOfLimits() {
    return LIMITS[random.nextInt(LIMITS.length)];
  }

  private String around(int limit, char c) {
    return String.valueOf(c).repeat(Math.max(1, limit - 1 + random.nextInt(3)));
  }

  private String randomCodeUnits(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) (chance(70) ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
    }
    return s.toString();
  }
}
