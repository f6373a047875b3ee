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
          boolean[] named = v.someOf(t.length);
          UpdateLead command = UpdateLead.of(current.id(), current.version());
          for (int f = 0; f < t.length; f++) {
            if (named[f]) {
              command = nameLeadField(command, f, t[f]);
            }
          }
          UpdateLead update = command;
          String input = "UpdateLead " + describe(named, t);
          Lead changed = probe.change(input,
              () -> crm().leads().get(ALICE, base.id()).snapshot(),
              () -> crm().leads().update(ALICE, update),
              Lead::snapshot);
          if (changed != null) {
            checkUnnamedKept(probe, input, named, current.details(), changed.details());
          }
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
                    CreateAccount.named(t[0]).website(t[1]).industry(t[2]).phone(t[3]).email(t[4]).city(t[5])
                      .country(t[6]).description(t[7]).segments(segments)),
              Account::snapshot,
              a -> crm().accounts().get(ALICE, a.id()).snapshot(),
              () -> crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total());
        } else {
          Account current = crm().accounts().get(ALICE, base.id());
          boolean[] named = v.someOf(t.length + 1);
          named[0] &= t[0] != null; // the name cannot be cleared: a null name is left out, not sent
          UpdateAccount command = UpdateAccount.of(current.id(), current.version());
          for (int f = 0; f < t.length; f++) {
            if (named[f]) {
              command = nameAccountField(command, f, t[f]);
            }
          }
          if (named[t.length]) {
            command = command.segments(segments);
          }
          UpdateAccount update = command;
          String changes = "UpdateAccount " + describe(named, t) + (named[t.length] ? input : "");
          Account changed = probe.change(changes,
              () -> crm().accounts().get(ALICE, base.id()).snapshot(),
              () -> crm().accounts().update(ALICE, update),
              Account::snapshot);
          if (changed != null) {
            checkUnnamedKept(probe, changes, named, current.details(), changed.details());
            if (!named[t.length] && !current.segments().equals(changed.segments())) {
              probe.finding(changes + ": segments were not named but changed from " + current.segments() + " to "
                  + changed.segments());
            }
          }
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
                    .amount(amount)
                    .probability(probability).stage(stage).closeDate(closeDate)
                    .segments(segments)),
                Opportunity::snapshot,
                o -> crm().opportunities().get(ALICE, o.id()).snapshot(),
                () -> crm().opportunities().list(ALICE, OpportunityQuery.all(), PageRequest.first(1)).total());
            checkExact(probe, input, created, amount, closeDate);
          }
          case 1 -> {
            Opportunity current = crm().opportunities().get(ALICE, base.id());
            // a partial update: each value is named or left out; a named null clears (or, for the probability,
            // returns it to the stage's default); the name cannot be cleared, so a null name is left out
            boolean[] named = v.someOf(6);
            named[0] &= name != null;
            UpdateOpportunity command = UpdateOpportunity.of(current.id(), current.version());
            command = named[0] ? command.name(name) : command;
            command = named[1] ? command.amount(amount) : command;
            command = named[2] ? command.probability(probability) : command;
            command = named[3] ? command.closeDate(closeDate) : command;
            command = named[4] ? command.nextStep(nextStep) : command;
            command = named[5] ? command.segments(segments) : command;
            UpdateOpportunity update = command;
            String changes = "UpdateOpportunity " + update.changed() + " " + input;
            Opportunity changed = probe.change(changes,
                () -> crm().opportunities().get(ALICE, base.id()).snapshot(),
                () -> crm().opportunities().update(ALICE, update),
                Opportunity::snapshot);
            if (changed != null) {
              checkExact(probe, changes, changed, named[1] ? amount : null, named[3] ? closeDate : null);
              if (named[1] && amount == null && changed.amount().isPresent()) {
                probe.finding(changes + ": the amount was cleared but is " + changed.amount());
              }
              checkKept(probe, changes, "name", named[0], current.name(), changed.name());
              checkKept(probe, changes, "amount", named[1], current.amount(), changed.amount());
              checkKept(probe, changes, "closeDate", named[3], current.closeDate(), changed.closeDate());
              checkKept(probe, changes, "nextStep", named[4], current.nextStep(), changed.nextStep());
              checkKept(probe, changes, "segments", named[5], current.segments(), changed.segments());
              checkKept(probe, changes, "stage", false, current.stage(), changed.stage());
              checkKept(probe, changes, "description", false, current.description(), changed.description());
            }
          }
          default -> {
            Opportunity current = crm().opportunities().get(ALICE, base.id());
            probe.change("ChangeStage to " + FuzzProbe.abbreviate(stage),
                () -> crm().opportunities().get(ALICE, base.id()).snapshot(),
                () -> crm().opportunities().changeStage(ALICE,
                    ChangeStage.of(current.id(), current.version(), stage)),
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
                CreateOpportunity.named("Decimal " + decimal).amount(amount)),
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
            () -> crm().opportunities().create(ALICE, CreateOpportunity.named("Closes " + date).closeDate(date)),
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
            CreateLead.of(t[0], t[1], t[2], t[4]).title(t[3]).phone(t[5]).website(t[6]).leadSource(t[7])
                .industry(t[8]).description(t[9])),
        Lead::snapshot,
        l -> crm().leads().get(ALICE, l.id()).snapshot(),
        () -> crm().leads().list(ALICE, LeadQuery.all(), PageRequest.first(1)).total());
  }

  /** Names lead field {@code f} (the order of {@link #createLead}); a null value clears it. */
  private static UpdateLead nameLeadField(UpdateLead c, int f, String value) {
    return switch (f) {
      case 0 -> c.firstName(value);
      case 1 -> c.lastName(value);
      case 2 -> c.company(value);
      case 3 -> c.title(value);
      case 4 -> c.email(value);
      case 5 -> c.phone(value);
      case 6 -> c.website(value);
      case 7 -> c.leadSource(value);
      case 8 -> c.industry(value);
      default -> c.description(value);
    };
  }

  /** Names account field {@code f}: name, website, industry, phone, email, city, country, description. */
  private static UpdateAccount nameAccountField(UpdateAccount c, int f, String value) {
    return switch (f) {
      case 0 -> c.name(value);
      case 1 -> c.website(value);
      case 2 -> c.industry(value);
      case 3 -> c.phone(value);
      case 4 -> c.email(value);
      case 5 -> c.city(value);
      case 6 -> c.country(value);
      default -> c.description(value);
    };
  }

  private static String describe(boolean[] named, String[] values) {
    StringBuilder out = new StringBuilder("{");
    for (int f = 0; f < values.length; f++) {
      out.append(f).append('=').append(named[f] ? FuzzProbe.abbreviate(values[f]) : "(left out)").append(' ');
    }
    return out.append('}').toString();
  }

  /**
   * A partial update keeps every field it does not name: the details records list the fields in the order of the
   * command's values, so component {@code f} of the details is field {@code f}.
   */
  private static void checkUnnamedKept(FuzzProbe probe, String input, boolean[] named, Record before,
      Record after) {
    var components = before.getClass().getRecordComponents();
    for (int f = 0; f < components.length; f++) {
      if (!named[f]) {
        try {
          Object was = components[f].getAccessor().invoke(before);
          Object is = components[f].getAccessor().invoke(after);
          checkKept(probe, input, components[f].getName(), false, was, is);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void checkKept(FuzzProbe probe, String input, String field, boolean named, Object before,
      Object after) {
    if (!named && !java.util.Objects.equals(before, after)) {
      probe.finding(input + ": " + field + " was left out but changed from " + FuzzProbe.abbreviate(before) + " to "
          + FuzzProbe.abbreviate(after));
    }
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
