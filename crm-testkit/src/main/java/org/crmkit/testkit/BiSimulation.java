package org.crmkit.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.crmkit.Crm;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * Random pipeline activity for the BI contract, driven by a seeded {@link Random} and the test's clock: each day
 * creates opportunities in several currencies and for several owners, and changes some (stage, amount, currency,
 * close date, probability, owner, account, segment, billing forecast; wins, losses, reopenings and deletions). Every
 * action goes through the Crm's use cases, so history records it; an action the Crm refuses (e.g. an amount change
 * a billing forecast forbids) simply does not happen. The same seed gives the same history.
 */
final class BiSimulation {
  static final List<String> OWNERS = List.of("alice", "bob", "carol");
  static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");
  static final List<String> REGIONS = List.of("north", "south", "east");

  private final Crm crm;
  private final MutableClock clock;
  private final Random random;
  private final TenantId tenant;
  private final List<OpportunityId> live = new ArrayList<>();
  private final List<AccountId> accounts = new ArrayList<>();
  private final List<SalesStage> openStages;
  private int refused;

  /**
   * @param crm a Crm whose access policy lets every simulated owner act on every opportunity (permit all)
   */
  BiSimulation(Crm crm, MutableClock clock, long seed, TenantId tenant) {
    this.crm = crm;
    this.clock = clock;
    this.random = new Random(seed);
    this.tenant = tenant;
    this.openStages = crm.pipeline().stages().stream().filter(SalesStage::isOpen).toList();
  }

  /** @return the actor who takes snapshots: sees every opportunity under permit-all */
  Actor system() {
    return Actor.system("bi").in(tenant);
  }

  Actor user(String name) {
    return Actor.user(name).in(tenant);
  }

  /** @return how many actions the Crm refused so far */
  int refused() {
    return refused;
  }

  /**
   * Simulates one day from 08:00 (UTC), one action a minute.
   *
   * @param creations how many opportunities to create
   * @param changes how many changes to make to existing ones
   */
  void day(LocalDate day, int creations, int changes) {
    clock.set(day.atTime(8, 0).toInstant(ZoneOffset.UTC));
    if (accounts.isEmpty()) {
      for (int i = 0; i < 4; i++) {
        accounts.add(crm.accounts().create(user("alice"), CreateAccount.named("Account " + tenant + " " + i)).id());
      }
    }
    int creates = creations;
    int others = changes;
    while (creates + others > 0) {
      clock.advance(Duration.ofMinutes(1));
      if (creates > 0 && (others == 0 || random.nextInt(creates + others) < creates)) {
        creates--;
        create(day);
      } else {
        others--;
        change(day);
      }
    }
  }

  /** Takes the day's snapshot at 23:00 of that day. */
  SnapshotDay snapshot(LocalDate day) {
    clock.set(day.atTime(23, 0).toInstant(ZoneOffset.UTC));
    return crm.bi().takeDailySnapshot(system(), day);
  }

  private void create(LocalDate day) {
    CreateOpportunity c = CreateOpportunity.named("deal " + live.size())
        .owner(UserId.of(pick(OWNERS)))
        .stage(pick(openStages).key())
        .closeDate(day.plusDays(10 + random.nextInt(80)));
    if (random.nextInt(10) > 0) {
      c = c.amount(amount(pick(CURRENCIES)));
    }
    if (random.nextInt(3) > 0) {
      c = c.segments(Map.of("region", pick(REGIONS)));
    }
    if (random.nextInt(2) == 0) {
      c = c.accountId(pick(accounts));
    }
    live.add(crm.opportunities().create(system(), c).id());
  }

  private void change(LocalDate day) {
    if (live.isEmpty()) {
      return;
    }
    OpportunityId id = pick(live);
    Actor actor = system();
    try {
      Opportunity o = crm.opportunities().get(actor, id);
      long v = o.version();
      boolean open = crm.pipeline().stage(o.snapshot().stage()).isOpen();
      int what = random.nextInt(100);
      if (!open) {
        if (what < 40) {
          crm.opportunities().reopen(actor, ReopenOpportunity.of(id, v, pick(openStages).key()));
        } else if (what < 45) {
          crm.opportunities().delete(actor, id, v);
          live.remove(id);
        } else if (what < 60) {
          crm.opportunities().update(actor, UpdateOpportunity.of(id, v).owner(UserId.of(pick(OWNERS))));
        }
        return;
      }
      if (what < 22) {
        crm.opportunities().changeStage(actor, ChangeStage.of(id, v, pick(openStages).key()));
      } else if (what < 37) {
        Money current = o.snapshot().amount();
        String currency = current != null && random.nextInt(12) > 0 ? current.currencyCode() : pick(CURRENCIES);
        UpdateOpportunity u = UpdateOpportunity.of(id, v);
        crm.opportunities().update(actor, random.nextInt(15) == 0 ? u.clearAmount() : u.amount(amount(currency)));
      } else if (what < 47) {
        LocalDate close = o.snapshot().closeDate() == null ? day : o.snapshot().closeDate();
        crm.opportunities().update(actor, UpdateOpportunity.of(id, v)
            .closeDate(close.plusDays(random.nextInt(41) - 20)));
      } else if (what < 53) {
        crm.opportunities().update(actor, UpdateOpportunity.of(id, v).probability(random.nextInt(101)));
      } else if (what < 62) {
        crm.opportunities().update(actor, UpdateOpportunity.of(id, v).owner(UserId.of(pick(OWNERS))));
      } else if (what < 67) {
        crm.opportunities().update(actor, random.nextInt(4) == 0 ? UpdateOpportunity.of(id, v).clearAccountId()
            : UpdateOpportunity.of(id, v).accountId(pick(accounts)));
      } else if (what < 71) {
        crm.opportunities().update(actor, UpdateOpportunity.of(id, v).segments(Map.of("region", pick(REGIONS))));
      } else if (what < 74) {
        crm.forecasts().splitEvenly(actor, SplitForecast.ofAmount(id, YearMonth.from(day), 1 + random.nextInt(3)));
      } else if (what < 84) {
        crm.opportunities().win(actor, WinOpportunity.of(id, v));
      } else if (what < 93) {
        crm.opportunities().lose(actor, LoseOpportunity.of(id, v));
      } else if (what < 96) {
        crm.opportunities().delete(actor, id, v);
        live.remove(id);
      }
    } catch (CrmException refusedByTheCrm) {
      refused++;
    }
  }

  private Money amount(String currency) {
    int decimals = Money.fractionDigits(java.util.Currency.getInstance(currency));
    return Money.of(BigDecimal.valueOf(1 + random.nextInt(5_000_000), decimals), currency);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
