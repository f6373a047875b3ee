package org.crmkit.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.Money;
import org.crmkit.shared.PageRequest;
import org.crmkit.testkit.ContractSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Fuzz contract: commands with random and hostile values (huge and odd decimals, lone surrogates, NUL and control
 * characters, texts around and far beyond the limits, extreme dates, nulls) each end in success or a documented
 * {@link org.crmkit.shared.CrmException} for bad input — never another exception, never a hang, never a partial
 * write — and what was stored reads back exactly as the write returned it (dates and amounts exactly as given).
 *
 * <p>Seeded: {@code -Dcrmkit.fuzz.seed} changes the inputs, {@code -Dcrmkit.fuzz.batch} the inputs per repetition
 * (default 25), {@code -Dcrmkit.fuzz.timeoutSeconds} the time a batch may take (default 10). A finding names its
 * input and seed. Run it like the contract suite: extend {@link org.crmkit.testkit.CrmContractFixture} and implement
 * this interface.
 */
public interface CommandFuzzContract extends ContractSupport {

  /** The base seed; each repetition derives its own. */
  long SEED = Long.getLong("crmkit.fuzz.seed", 20_261_202L);

  /** Inputs per repetition. */
  int BATCH = Integer.getInteger("crmkit.fuzz.batch", 25);

  /** The time one batch (or one fixed corpus) may take before it counts as a hang. */
  Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("crmkit.fuzz.timeoutSeconds", 10));

  @RepeatedTest(8)
  default void randomLeadCommandsSucceedOrAreRefusedCleanly(RepetitionInfo repetition) {
    fuzz("lead commands", repetition, (v, probe) -> {
      Lead base = crm().leads().create(ALICE, CreateLead.of("Base", "Lead", "Base Co", "base@example.com"));
      for (int i = 0; i < BATCH; i++) {
        if (v.chance(50)) {
          String[] t = {v.field(), v.field(), v.field(), v.field(), v.emailField(), v.field(), v.field(), v.field(),
              v.field(), v.field()};
          createLead(probe, t);
        } else {
          String[] t = {v.field(), v.field(), v.field(), v.field(), v.emailField(), v.field(), v.field(), v.field(),
              v.field(), v.field()};
          Lead current = crm().leads().get(ALICE, base.id());
          probe.change("UpdateLead" + java.util.Arrays.stream(t).map(FuzzProbe::abbreviate).toList(),
              () -> crm().leads().get(ALICE, base.id()).snapshot(),
              () -> crm().leads().update(ALICE, new UpdateLead(current.id(), current.version(), null, t[0], t[1],
                  t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], null)),
              Lead::snapshot);
        }
      }
    });
  }

  @RepeatedTest(8)
  default void randomAccountCommandsSucceedOrAreRefusedCleanly(RepetitionInfo repetition) {
    fuzz("account commands", repetition, (v, probe) -> {
      Account base = crm().accounts().create(ALICE, CreateAccount.named("Base Account"));
      for (int i = 0; i < BATCH; i++) {
        String[] t = {v.field(), v.field(), v.field(), v.field(), v.emailField(), v.field(), v.field(), v.field()};
        var segments = v.segments();
        String input = java.util.Arrays.stream(t).map(FuzzProbe::abbreviate).toList() + " segments "
            + FuzzProbe.abbreviate(segments);
        if (v.chance(50)) {
          probe.create("CreateAccount" + input,
              () -> crm().accounts().create(ALICE,
                  new CreateAccount(null, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], segments, null)),
              Account::snapshot,
              a -> crm().accounts().get(ALICE, a.id()).snapshot(),
              () -> crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total());
        } else {
          Account current = crm().accounts().get(ALICE, base.id());
          probe.change("UpdateAccount" + input,
              () -> crm().accounts().get(ALICE, base.id()).snapshot(),
              () -> crm().accounts().update(ALICE, new UpdateAccount(current.id(), current.version(), null, t[0],
                  t[1], t[2], t[3], t[4], t[5], t[6], t[7], segments, null)),
              Account::snapshot);
        }
      }
    });
  }

  @RepeatedTest(8)
  default void randomOpportunityCommandsSucceedOrAreRefusedCleanly(RepetitionInfo repetition) {
    List<String> stages = crm().pipeline().stages().stream().map(SalesStage::key).toList();
    fuzz("opportunity commands", repetition, (v, probe) -> {
      Opportunity base = crm().opportunities().create(ALICE, CreateOpportunity.named("Base deal"));
      for (int i = 0; i < BATCH; i++) {
        String name = v.chance(80) ? "Deal " + v.nextInt(1000) : v.text();
        String decimal = v.chance(80) ? v.decimal() : null;
        String currency = v.currency();
        Integer probability = v.probability();
        String stage = v.chance(80) ? v.oneOf(stages) : v.text();
        LocalDate closeDate = v.date();
        String nextStep = v.field();
        var segments = v.segments();
        String input = "name=" + FuzzProbe.abbreviate(name) + " amount=" + decimal + " " + currency
            + " probability=" + probability + " stage=" + FuzzProbe.abbreviate(stage) + " closeDate=" + closeDate
            + " nextStep=" + FuzzProbe.abbreviate(nextStep) + " segments=" + FuzzProbe.abbreviate(segments);
        Money amount = decimal == null ? null
            : probe.value("Money.of(" + decimal + ", " + FuzzProbe.abbreviate(currency) + ")",
                () -> Money.of(decimal, currency));
        if (decimal != null && amount == null) {
          continue;
        }
        switch (v.nextInt(3)) {
          case 0 -> {
            Opportunity created = probe.create("CreateOpportunity " + input,
                () -> crm().opportunities().create(ALICE, CreateOpportunity.named(name)
                    .withAmount(amount)
                    .withProbability(probability).withStage(stage).withCloseDate(closeDate)
                    .withSegments(segments)),
                Opportunity::snapshot,
                o -> crm().opportunities().get(ALICE, o.id()).snapshot(),
                () -> crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total());
            checkExact(probe, input, created, amount, closeDate);
          }
          case 1 -> {
            Opportunity current = crm().opportunities().get(ALICE, base.id());
            Opportunity changed = probe.change("UpdateOpportunity " + input,
                () -> crm().opportunities().get(ALICE, base.id()).snapshot(),
                () -> crm().opportunities().update(ALICE, UpdateOpportunity.from(current).withName(name)
                    .withAmount(amount)
                    .withProbability(probability).withCloseDate(closeDate).withNextStep(nextStep)
                    .withSegments(segments)),
                Opportunity::snapshot);
            checkExact(probe, input, changed, amount, closeDate);
          }
          default -> {
            Opportunity current = crm().opportunities().get(ALICE, base.id());
            probe.change("ChangeStage to " + FuzzProbe.abbreviate(stage),
                () -> crm().opportunities().get(ALICE, base.id()).snapshot(),
                () -> crm().opportunities().changeStage(ALICE,
                    new ChangeStage(current.id(), current.version(), stage)),
                Opportunity::snapshot);
          }
        }
      }
    });
  }

  @Test
  default void hugeAndOddDecimalsAreRefusedOrStoredQuickly() {
    for (String decimal : concat(HostileValues.HUGE_DECIMALS, HostileValues.DECIMALS)) {
      FuzzProbe probe = new FuzzProbe("decimal " + decimal, SEED);
      assertTimeoutPreemptively(TIMEOUT, () -> {
        Money amount = probe.value("Money.of(" + decimal + ", EUR)", () -> Money.of(decimal, "EUR"));
        if (amount == null) {
          return;
        }
        Opportunity created = probe.create("CreateOpportunity amount=" + decimal + " EUR",
            () -> crm().opportunities().create(ALICE,
                CreateOpportunity.named("Decimal " + decimal).withAmount(amount)),
            Opportunity::snapshot,
            o -> crm().opportunities().get(ALICE, o.id()).snapshot(),
            () -> crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total());
        checkExact(probe, decimal, created, amount, null);
      }, () -> "the amount " + decimal + " EUR was neither refused nor stored within " + TIMEOUT);
      probe.assertNoFindings();
    }
  }

  @Test
  default void extremeDatesComeBackExactlyOrAreRefused() {
    FuzzProbe probe = new FuzzProbe("extreme dates", SEED);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      for (LocalDate date : HostileValues.DATES) {
        Opportunity created = probe.create("CreateOpportunity closeDate=" + date,
            () -> crm().opportunities().create(ALICE, CreateOpportunity.named("Closes " + date).withCloseDate(date)),
            Opportunity::snapshot,
            o -> crm().opportunities().get(ALICE, o.id()).snapshot(),
            () -> crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total());
        checkExact(probe, "closeDate=" + date, created, null, date);
        if (created != null) {
          try {
            boolean found = crm().opportunities().list(ALICE,
                    OpportunityQuery.all().closingBetween(LocalDate.MIN, LocalDate.MAX), PageRequest.first(1000))
                .items().stream().anyMatch(o -> o.id().equals(created.id()));
            if (!found) {
              probe.finding("closingBetween(MIN, MAX) does not find the opportunity closing " + date);
            }
          } catch (org.crmkit.shared.ValidationException e) {
            // refusing bounds outside the supported date range is a documented answer
          } catch (RuntimeException e) {
            probe.finding("closingBetween(MIN, MAX) ended in " + e + " with an opportunity closing " + date);
          }
        }
      }
    }, () -> "the extreme dates did not finish within " + TIMEOUT + "; last: " + probe.lastInput());
    probe.assertNoFindings();
  }

  @Test
  default void hostileTextsComeBackExactlyOrAreRefused() {
    FuzzProbe probe = new FuzzProbe("hostile texts in every lead field", SEED);
    assertTimeoutPreemptively(TIMEOUT.multipliedBy(3), () -> {
      for (String text : HostileValues.TEXTS) {
        for (int field = 0; field < 10; field++) {
          String[] t = {"Ada", "Lovelace", "Analytical Engines", null, null, null, null, null, null, null};
          t[field] = field == 4 ? "ada" + text + "@example.com" : text;
          createLead(probe, t);
        }
      }
    }, () -> "the hostile texts did not finish within " + TIMEOUT.multipliedBy(3) + "; last: " + probe.lastInput());
    probe.assertNoFindings();
  }

  /** Fields: firstName, lastName, company, title, email, phone, website, leadSource, industry, description. */
  private void createLead(FuzzProbe probe, String[] t) {
    probe.create("CreateLead" + java.util.Arrays.stream(t).map(FuzzProbe::abbreviate).toList(),
        () -> crm().leads().create(ALICE,
            new CreateLead(null, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], null, null)),
        Lead::snapshot,
        l -> crm().leads().get(ALICE, l.id()).snapshot(),
        () -> crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(1)).total());
  }

  private static void checkExact(FuzzProbe probe, String input, Opportunity stored, Money amount,
      LocalDate closeDate) {
    if (stored == null) {
      return;
    }
    if (closeDate != null && !stored.closeDate().equals(java.util.Optional.of(closeDate))) {
      probe.finding(input + ": close date " + closeDate + " was stored as " + stored.closeDate());
    }
    if (amount != null && !stored.amount().equals(java.util.Optional.of(amount))) {
      probe.finding(input + ": amount " + amount + " was stored as " + stored.amount());
    }
  }

  private void fuzz(String subject, RepetitionInfo repetition, java.util.function.BiConsumer<HostileValues,
      FuzzProbe> batch) {
    long seed = SEED * 1_000 + repetition.getCurrentRepetition();
    FuzzProbe probe = new FuzzProbe(subject, seed);
    assertTimeoutPreemptively(TIMEOUT, () -> batch.accept(new HostileValues(seed), probe),
        () -> "seed " + seed + ": " + BATCH + " " + subject + " did not finish within " + TIMEOUT
            + " (a hang?); last input: " + probe.lastInput());
    probe.assertNoFindings();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

}
