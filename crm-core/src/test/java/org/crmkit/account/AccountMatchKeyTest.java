package org.crmkit.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.crmkit.shared.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountMatchKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {"O'Reilly Media, Inc.", "oreilly  media", "O’Reilly Media", " OREILLY-MEDIA ltd ",
      "O`Reilly Média"})
  void normalisesCaseSpacingPunctuationApostrophesAccentsAndLegalForms(String name) {
    assertThat(AccountMatchKey.normalizeName(name)).isEqualTo("oreilly media");
  }

  @Test
  void foldsAsciiNamesExactlyAsTheGeneralUnicodePathDoes() {
    // A trailing combining mark sends a name down the general path (NFKD and regular expressions) and folds away to
    // nothing there, so both paths must give the same answer for the same letters.
    String[] parts = {"a", "B", "z", "7", " ", "  ", "&", "'", "`", "-", ",", ".", "\t", "!", "Oy", "Ltd", "inc", "and",
        "Co", "O'Brien", "AB&C", "x_y", "(", "@"};
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        name.append(parts[random.nextInt(parts.length)]);
      }
      String ascii = name.toString();
      String general = ascii + "\u0301";
      assertThat(AccountMatchKey.foldName(ascii)).as("fold %s", ascii).isEqualTo(AccountMatchKey.foldName(general));
      assertThat(AccountMatchKey.normalizeName(ascii)).as("normalise %s", ascii)
          .isEqualTo(AccountMatchKey.normalizeName(general));
    }
  }

  @Test
  void compactsANameExactlyAsSplittingOnSpacesAndDroppingEveryAndDoes() {
    // the definition compactName was first written as, kept here to pin the hand-written loop to it
    String[] words = {"and", "an", "andy", "sons", "o", "brien", "7", "", " "};
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        name.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "  " : " ");
      }
      String normalized = name.toString().strip();
      if (normalized.isBlank()) {
        continue;
      }
      String split = java.util.Arrays.stream(normalized.split(" ")).filter(w -> !w.equals("and"))
          .collect(java.util.stream.Collectors.joining());
      String expected = split.isEmpty() ? normalized.replace(" ", "") : split;
      assertThat(new AccountMatchKey(normalized, null).compactName()).as("compact '%s'", normalized)
          .isEqualTo(expected);
    }
    assertThat(new AccountMatchKey("o brien and sons", null).compactName()).isEqualTo("obriensons");
    assertThat(new AccountMatchKey("and", null).compactName()).isEqualTo("and");
  }

  @Test
  void dropsLegalFormsExactlyAsSplittingIntoWordsDoes() {
    String[] parts = {"Oy", "Ltd", "inc", "Co", "company", "AB", "Acme", "and", "7", "Zoë", "O'Neil", " ", "  ", "-",
        ",", "gmbh", "x"};
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(7); n >= 0; n--) {
        name.append(parts[random.nextInt(parts.length)]).append(random.nextBoolean() ? " " : "");
      }
      String folded = AccountMatchKey.foldName(name.toString()); // no '&' among the parts: folded as normalizeName does
      java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(folded.split(" ")));
      java.util.Set<String> legal = java.util.Set.of("inc", "ltd", "co", "company", "ab", "gmbh", "oy");
      while (words.size() > 1 && legal.contains(words.get(words.size() - 1))) {
        words.remove(words.size() - 1);
      }
      while (words.size() > 1 && legal.contains(words.get(0))) {
        words.remove(0);
      }
      String expected = folded.isEmpty() ? null : String.join(" ", words);
      assertThat(AccountMatchKey.normalizeName(name.toString())).as("normalise '%s'", name).isEqualTo(expected);
    }
  }

  @Test
  void keepsALegalFormThatIsTheWholeName() {
    assertThat(AccountMatchKey.normalizeName("Company")).isEqualTo("company");
    assertThat(AccountMatchKey.normalizeName(" ,. ")).isNull();
  }

  @Test
  void treatsAmpersandAsAnd() {
    assertThat(AccountMatchKey.normalizeName("Babbage & Co")).isEqualTo(AccountMatchKey.normalizeName("babbage and"));
  }

  @Test
  void ignoresFreeMailDomainsAndReadsWebsiteHosts() {
    assertThat(AccountMatchKey.of("X", EmailAddress.of("ada@Gmail.com"), null).domain()).isNull();
    assertThat(AccountMatchKey.of("X", EmailAddress.of("ada@engines.example"), null).domain())
        .isEqualTo("engines.example");
    assertThat(AccountMatchKey.of("X", null, "HTTPS://www.Engines.example:8443/about?x=1").domain())
        .isEqualTo("engines.example");
  }

  @Test
  void reportsWhyKeysMatchAndWhenDomainsConflict() {
    AccountMatchKey lead = AccountMatchKey.of("Acme", EmailAddress.of("w@acme.example"), null);
    AccountMatchKey sameName = AccountMatchKey.of("ACME Oy", null, "https://other.example");
    assertThat(lead.reasonsToMatch(sameName)).containsExactly(AccountMatchKey.Reason.NAME);
    assertThat(lead.domainConflicts(sameName)).isTrue();
    AccountMatchKey sameDomain = AccountMatchKey.of("Acme Corporation Worldwide", null, "acme.example");
    assertThat(lead.reasonsToMatch(sameDomain)).containsExactly(AccountMatchKey.Reason.DOMAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"O Brien and Sons Ltd", "O'Brien & Sons", "OBRIEN SONS OY", "O’Brien and Sons, Inc.",
      "Ó Brien & Sons GmbH", "o-brien sons AB", "OBrien Sons LLC", "O'Brien and Sons Corp", "O'Brien & Sons Oyj",
      "O'Brien & Sons plc"})
  void givesAlikeCompanyNamesOneCompactName(String name) {
    assertThat(AccountMatchKey.of(name, null, null).compactName()).isEqualTo("obriensons");
  }

  @Test
  void tellsASimilarNameFromTheSameName() {
    AccountMatchKey lead = AccountMatchKey.of("O Brien and Sons Ltd", null, null);
    AccountMatchKey existing = AccountMatchKey.of("O'Brien & Sons", null, null);
    AccountMatchKey same = AccountMatchKey.of("o brien & sons oy", null, null);
    AccountMatchKey other = AccountMatchKey.of("Brien Sons", null, null);

    assertThat(lead.reasonsToMatch(existing)).containsExactly(AccountMatchKey.Reason.SIMILAR_NAME);
    assertThat(lead.reasonsToMatch(same)).containsExactly(AccountMatchKey.Reason.NAME);
    assertThat(lead.reasonsToMatch(other)).isEmpty();
    assertThat(lead.nameSimilarity(same)).isEqualTo(1.0);
    assertThat(lead.nameSimilarity(existing)).isGreaterThan(lead.nameSimilarity(other)).isLessThan(1.0);
  }

  @Test
  void measuresSimilarityAsOneMinusTheRelativeEditDistance() {
    assertThat(AccountMatchKey.similarity("acme", "acme")).isEqualTo(1.0);
    assertThat(AccountMatchKey.similarity("acme", "acne")).isEqualTo(0.75);
    assertThat(AccountMatchKey.similarity("abc", "xyz")).isZero();
    assertThat(AccountMatchKey.similarity("", "")).isEqualTo(1.0);
  }
}
