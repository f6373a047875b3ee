package org.crmkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;

/**
 * Lead conversion in memory as the storage fills: writes {@code n} leads of {@code n} different companies, converts
 * all but the last 2,000 with {@code convertAll} (1,000 per call), then times {@code convertAll} of the last 2,000,
 * when the storage already holds about {@code n} accounts, contacts and opportunities. A flat rate across {@code n}
 * shows that conversion's look-ups (account by match key, contact by e-mail) are indexed rather than scans. A plain
 * program, not a timed test:
 *
 * <pre>{@code
 * mvn -o -q -pl crm-benchmarks -am package -DskipTests
 * java -Xmx3g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryConversionScale 100000
 * }</pre>
 */
public final class InMemoryConversionScale {
  private InMemoryConversionScale() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    if (n < 2_000) {
      throw new IllegalArgumentException("n must be at least 2,000, was " + n);
    }
    InMemoryStorage storage = InMemoryStorage.create();
    Crm crm = Crm.builder().storage(storage).build();
    Actor actor = Actor.user("bench");
    List<LeadId> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(crm.leads().create(actor,
          CreateLead.of("Ada" + i, "Lovelace", "Company " + i, "ada" + i + "@company" + i + ".example")).id());
    }
    for (int from = 0; from < n - 2_000; from += 1_000) {
      crm.conversions().convertAll(actor, ids.subList(from, Math.min(n - 2_000, from + 1_000)), null);
    }
    long started = System.nanoTime();
    BulkConversionResult result = crm.conversions().convertAll(actor, ids.subList(n - 2_000, n), null);
    double seconds = (System.nanoTime() - started) / 1e9;
    long converted = result.items().stream().filter(BulkConversionResult.Item::converted).count();
    System.out.printf("%,d leads: the last 2,000 converted at %,.0f conversions/s (%,d converted)%n",
        n, 2_000 / seconds, converted);
  }
}
