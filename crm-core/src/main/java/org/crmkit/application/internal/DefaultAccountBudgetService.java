package org.crmkit.application.internal;

import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.crmkit.application.AccountBudgetService;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.budget.AccountBudget;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

final class DefaultAccountBudgetService implements AccountBudgetService {
  private final Context ctx;

  DefaultAccountBudgetService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public AccountBudget get(Actor actor, AccountId accountId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(accountId, "accountId");
    return ctx.inUnitOfWork(actor, () -> {
      ctx.access().account(actor, accountId);
      return load(accountId);
    });
  }

  @Override
  public AccountBudget setMonths(Actor actor, SetBudgetMonths cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    if (cmd.months().stream().anyMatch(Objects::isNull)) {
      throw ValidationException.of("months", "must not contain null months");
    }
    cmd.months().forEach(line -> Values.month("months", line.month()));
    return change(actor, cmd.accountId(), cmd.expectedVersion(), b -> b.setMonths(cmd.months(), ctx.now()));
  }

  @Override
  public AccountBudget removeMonths(
      Actor actor, AccountId accountId, Long expectedVersion, Collection<YearMonth> months) {
    ctx.requireActor(actor);
    Objects.requireNonNull(accountId, "accountId");
    if (months == null) {
      throw ValidationException.of("months", "is required: the months whose budget to remove");
    }
    List<YearMonth> toRemove = new java.util.ArrayList<>();
    for (YearMonth month : months) {
      if (month == null) {
        throw ValidationException.of("months", "must not contain null months");
      }
      toRemove.add(month);
    }
    return change(actor, accountId, expectedVersion, b -> b.removeMonths(toRemove, ctx.now()));
  }

  private AccountBudget change(Actor actor, AccountId accountId, Long expectedVersion, Consumer<AccountBudget> change) {
    return ctx.inUnitOfWork(actor, () -> {
      // the budget follows its account: visible with it, edited with EDIT_BUDGET on it
      Account account = ctx.access().account(actor, accountId);
      ctx.access().require(actor, Operation.EDIT_BUDGET, RecordType.ACCOUNT, account.owner(), accountId);
      AccountBudget budget = load(accountId);
      Values.checkVersion(RecordType.ACCOUNT_BUDGET, accountId, expectedVersion, budget.version());
      change.accept(budget);
      return ctx.storage().accountBudgets().save(budget);
    });
  }

  private AccountBudget load(AccountId accountId) {
    return ctx.storage().accountBudgets().findByAccount(accountId)
        .orElseGet(() -> AccountBudget.empty(accountId, ctx.now()));
  }
}
