package org.crmkit.application.internal;

import org.crmkit.shared.Visibility;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.crmkit.application.AccountCardService;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.AccountCardQuery;
import org.crmkit.budget.AccountCards;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.CardAccount;
import org.crmkit.budget.CardFigures;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Limits;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

final class DefaultAccountCardService implements AccountCardService {
  private final Context ctx;
  /** The pipeline's stages that count, worked out once: the pipeline is part of the immutable configuration. */
  private final Set<String> forecastStages;
  private final Set<String> wonStages;

  DefaultAccountCardService(Context ctx) {
    this.ctx = ctx;
    this.forecastStages = forecastStages();
    this.wonStages = wonStages();
  }

  @Override
  public AccountCard card(Actor actor, AccountId accountId, YearMonth from, YearMonth to) {
    return card(actor, accountId, from, to, null);
  }

  @Override
  public AccountCard card(Actor actor, AccountId accountId, YearMonth from, YearMonth to, Currency currency) {
    ctx.requireActor(actor);
    Objects.requireNonNull(accountId, "accountId");
    Values.month("from", from);
    Values.month("to", to);
    if (to.isBefore(from)) {
      throw ValidationException.of("to", "must not be before from (" + from + "), was " + to);
    }
    if (from.until(to, ChronoUnit.MONTHS) >= AccountCards.MAX_MONTHS) {
      throw ValidationException.of("to", "a card covers at most " + AccountCards.MAX_MONTHS + " months");
    }
    // Reads only: the account as a projection (owner and budget months), then every sum in one read, in a unit of
    // work that needs no transaction or flush.
    return ctx.inReadOnlyUnitOfWork(actor, () -> {
      CardAccount account = ctx.access().cardAccount(actor, accountId); // a card the actor may not see is not found
      List<BudgetLine> budget = account.budget();
      Visibility visible = ctx.visibility(actor, RecordType.OPPORTUNITY);
      Currency cardCurrency = currency != null ? currency : currencyOf(accountId, budget, visible);
      AccountCardQuery query = new AccountCardQuery(accountId, from, to, cardCurrency, forecastStages, wonStages);
      CardFigures figures = ctx.storage().accountCards().figures(query, visible);
      return AccountCards.compute(query, budget, figures.forecast(), figures.won());
    });
  }

  /** The budget's currency, else the one currency of the account's opportunity amounts. */
  private Currency currencyOf(AccountId accountId, List<BudgetLine> budget, Visibility visible) {
    if (!budget.isEmpty()) {
      return budget.get(0).amount().currency();
    }
    Set<Currency> used = new TreeSet<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
    OpportunityQuery query = OpportunityQuery.all().withAccount(accountId);
    Page<Opportunity> page;
    int n = 0;
    do {
      page = ctx.storage().opportunities().find(query, visible, PageRequest.of(n++, PageRequest.MAX_SIZE));
      page.items().forEach(o -> o.amount().ifPresent(a -> used.add(a.currency())));
    } while (page.hasNext());
    if (used.size() != 1) {
      throw ValidationException.of("currency", "account " + accountId + (used.isEmpty()
          ? " has no budget and no opportunity amounts" : " has opportunities in "
              + used.stream().map(Currency::getCurrencyCode).collect(Collectors.joining(", ")))
          + "; ask for the card in one currency");
    }
    return used.iterator().next();
  }

  /** Open stages counted in the forecast, and won stages; lost and omitted stages are left out. */
  private Set<String> forecastStages() {
    return ctx.pipeline().stages().stream()
        .filter(s -> s.kind() == StageKind.WON
            || (s.kind() == StageKind.OPEN && s.forecastCategory() != ForecastCategory.OMITTED))
        .map(SalesStage::key)
        .collect(Collectors.toUnmodifiableSet());
  }

  private Set<String> wonStages() {
    return ctx.pipeline().stages().stream().filter(s -> s.kind() == StageKind.WON).map(SalesStage::key)
        .collect(Collectors.toUnmodifiableSet());
  }
}
