package org.crmkit.account;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.crmkit.shared.EmailAddress;

/**
 * What identifies a company when looking for an existing account that may be the same one: its normalised name
 * and, when known, its internet domain. Normalisation ignores case, accents, spacing, punctuation, apostrophes and
 * common legal forms, and reads {@code &} as {@code and}, so {@code "O'Reilly Media, Inc."}, {@code "oreilly  media"}
 * and {@code "O’Reilly Media"} all have the same normalised name: the same company ({@link Reason#NAME}).
 *
 * <p>The {@linkplain #compactName() compact name} goes further: it also drops every {@code and} and every space,
 * so {@code "O Brien and Sons Ltd"} and {@code "O'Brien & Sons"} share it ({@code "obriensons"}) although their
 * normalised names differ. Such a pair is only {@link Reason#SIMILAR_NAME similar}: a candidate to offer, never a
 * match to link on its own. Storage adapters index the compact name and the domain, so one indexed look-up finds
 * both kinds. Free-mail domains (gmail.com, outlook.com, ...) never identify a company and are dropped.
 *
 * @param normalizedName the normalised company name, or null when unknown
 * @param domain the company's lower-case domain without {@code www.}, or null when unknown
 */
public record AccountMatchKey(String normalizedName, String domain) {
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern APOSTROPHES = Pattern.compile("['’`´‘]");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Set<String> LEGAL_FORMS = Set.of(
      "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation", "co", "company", "gmbh",
      "ag", "oy", "oyj", "ab", "as", "sa", "sarl", "srl", "spa", "bv", "nv", "kg", "ky", "tmi", "pty");
  private static final Set<String> FREE_MAIL = Set.of(
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
      "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com",
      "proton.me", "protonmail.com", "yandex.com", "yandex.ru", "zoho.com", "hey.com", "fastmail.com", "luukku.com",
      "suomi24.fi");

  /** Why an account is a match candidate. */
  public enum Reason {
    /** Same normalised name: the same company unless the domains differ. */
    NAME,
    /** Same compact name but another normalised name (e.g. {@code O Brien} and {@code O'Brien}): maybe the same. */
    SIMILAR_NAME,
    /** Same company domain (from e-mail address or website). */
    DOMAIN
  }

  public AccountMatchKey {
    normalizedName = normalizedName == null || normalizedName.isBlank() ? null : normalizedName;
    domain = domain == null || domain.isBlank() ? null : domain;
  }

  /**
   * The key of a prospective company.
   *
   * @param name the company name, or null
   * @param email an e-mail address at the company, or null
   * @param website the company's website, or null
   * @return the key; never null (its parts may be null)
   */
  public static AccountMatchKey of(String name, EmailAddress email, String website) {
    String domain = email == null ? null : companyDomain(email.domain());
    if (domain == null) {
      domain = websiteDomain(website);
    }
    return new AccountMatchKey(normalizeName(name), domain);
  }

  /** @return the key of an existing account (its name, e-mail address and website) */
  public static AccountMatchKey of(AccountDetails details) {
    return of(details.name(), details.email(), details.website());
  }

  /** @return true when neither a name nor a domain is known: nothing can match */
  public boolean isEmpty() {
    return normalizedName == null && domain == null;
  }

  /**
   * @return why the other key matches this one; empty when it does not
   */
  public Set<Reason> reasonsToMatch(AccountMatchKey other) {
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    if (normalizedName != null && normalizedName.equals(other.normalizedName)) {
      reasons.add(Reason.NAME);
    } else if (normalizedName != null && other.normalizedName != null && compactName().equals(other.compactName())) {
      reasons.add(Reason.SIMILAR_NAME);
    }
    if (domain != null && domain.equals(other.domain)) {
      reasons.add(Reason.DOMAIN);
    }
    return reasons;
  }

  /**
   * The storage look-up key of the name: the normalised name without the word {@code and} and without spaces.
   * Two names with the same compact name are at least {@link Reason#SIMILAR_NAME similar}.
   *
   * @return the compact name, or null when the name is unknown
   */
  public String compactName() {
    if (normalizedName == null) {
      return null;
    }
    // The words between spaces but "and", joined; by hand, since duplicate checks ask for it on every comparison.
    StringBuilder compact = new StringBuilder(normalizedName.length());
    int start = 0;
    int n = normalizedName.length();
    while (start <= n) {
      int end = normalizedName.indexOf(' ', start);
      if (end < 0) {
        end = n;
      }
      if (!(end - start == 3 && normalizedName.startsWith("and", start))) {
        compact.append(normalizedName, start, end);
      }
      start = end + 1;
    }
    return compact.length() == 0 ? normalizedName.replace(" ", "") : compact.toString();
  }

  /**
   * How alike the two normalised names are, for ranking candidates: 1 for the same normalised name, else one minus
   * the edit distance between the normalised names divided by the longer one's length.
   *
   * @return a number from 0 (nothing alike, or a name unknown) to 1
   */
  public double nameSimilarity(AccountMatchKey other) {
    if (normalizedName == null || other.normalizedName == null) {
      return 0;
    }
    return similarity(normalizedName, other.normalizedName);
  }

  /**
   * @return one minus the edit distance (insertions, deletions, substitutions) of the two texts divided by the
   *     longer one's length: 1 for equal texts, 0 for nothing in common
   */
  public static double similarity(String a, String b) {
    int longer = Math.max(a.length(), b.length());
    if (longer == 0) {
      return 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return 1.0 - (double) previous[b.length()] / longer;
  }

  /** @return true when both keys know a domain and the domains differ (evidence of two different companies) */
  public boolean domainConflicts(AccountMatchKey other) {
    return domain != null && other.domain != null && !domain.equals(other.domain);
  }

  /**
   * Normalises a company name for matching.
   *
   * @param name the name, or null
   * @return the normalised name, or null when nothing is left
   */
  public static String normalizeName(String name) {
    if (name == null) {
      return null;
    }
    String s = fold(name, true);
    if (s.isEmpty()) {
      return null;
    }
    // The folded name's words are separated by single spaces: drop legal forms from the end, then from the start,
    // while more than one word is left (by position, without splitting: every duplicate check normalises names).
    int start = 0;
    int end = s.length();
    for (int space = s.lastIndexOf(' ', end - 1); space >= start; space = s.lastIndexOf(' ', end - 1)) {
      if (!LEGAL_FORMS.contains(s.substring(space + 1, end))) {
        break;
      }
      end = space;
    }
    for (int space = s.indexOf(' ', start); space >= 0 && space < end; space = s.indexOf(' ', start)) {
      if (!LEGAL_FORMS.contains(s.substring(start, space))) {
        break;
      }
      start = space + 1;
    }
    return s.substring(start, end);
  }

  /**
   * Folds a name for comparing: case, accents, apostrophes, punctuation and spacing folded, so
   * {@code "Zoë  O'Neil"} becomes {@code "zoe oneil"}. Unlike {@link #normalizeName(String)} it keeps legal forms
   * and {@code &}.
   *
   * @param name the name, not null
   * @return the folded name, empty when nothing but punctuation and spacing is left
   */
  public static String foldName(String name) {
    return fold(name, false);
  }

  private static String fold(String name, boolean ampersandAsAnd) {
    if (isAscii(name)) {
      return foldAscii(name, ampersandAsAnd);
    }
    String s = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    s = s.toLowerCase(Locale.ROOT);
    if (ampersandAsAnd) {
      s = s.replace("&", " and ");
    }
    s = APOSTROPHES.matcher(s).replaceAll("");
    return NOT_LETTER_OR_DIGIT.matcher(s).replaceAll(" ").strip();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #fold} of a text in ASCII, in one pass without regular expressions (conversion's duplicate check and the
   * storage's match-key index fold every company name): ASCII has no accents to strip and NFKD leaves it alone, so
   * only case, {@code &}, the apostrophes {@code '} and {@code `} and runs of other characters remain to fold.
   */
  private static String foldAscii(String name, boolean ampersandAsAnd) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    boolean gap = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '`') {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.append(c);
      } else if (c == '&' && ampersandAsAnd) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append("and");
        gap = true;
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  /** @return the domain when it may identify a company, null for free-mail domains */
  public static String companyDomain(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    return d.isEmpty() || FREE_MAIL.contains(d) ? null : d;
  }

  /** @return the host of a website address without scheme, path and {@code www.}, or null */
  public static String websiteDomain(String website) {
    if (website == null || website.isBlank()) {
      return null;
    }
    String s = website.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
    int end = s.length();
    for (char c : new char[] {'/', '?', '#', ':'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return companyDomain(s.substring(0, end));
  }
}
