package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.account.AccountChanged;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.RuleViolationException;

/**
 * The write path of accounts (see {@link RecordWriter}): segments and custom fields are checked when they change;
 * an account with contacts or opportunities cannot be deleted, and deleting one removes its budget.
 */
final class AccountWriter extends RecordWriter<Account, AccountId, AccountSnapshot> {

  AccountWriter(Context ctx) {
    super(ctx, RecordType.ACCOUNT);
  }

  @Override
  Optional<Account> find(AccountId id) {
    return ctx.storage().accounts().findById(id);
  }

  @Override
  Account store(Account record) {
    return ctx.storage().accounts().save(record);
  }

  @Override
  Account storeNew(Account record) {
    return ctx.storage().accounts().insertNew(record);
  }

  @Override
  void remove(AccountId id, long version) {
    ctx.storage().accounts().delete(id, version);
  }

  @Override
  AccountSnapshot snapshot(Account record) {
    return record.snapshot();
  }

  @Override
  AccountId idOf(Account record) {
    return record.id();
  }

  @Override
  long versionOf(Account record) {
    return record.version();
  }

  @Override
  UserId ownerOf(Account record) {
    return record.owner();
  }

  @Override
  RecordChanged<AccountSnapshot> event(
      ChangeKind kind, ChangeOrigin origin, AccountSnapshot before, AccountSnapshot after, Instant at, Actor actor) {
    return new AccountChanged(kind, origin, before, after, at, actor);
  }

  @Override
  void beforeSave(Actor actor, Access.Sight sight, AccountSnapshot before, Account record) {
    if (before == null || !before.segments().equals(record.segments())) {
      ctx.segments().validate(RecordType.ACCOUNT, record.segments());
    }
    if (before == null || !before.customFields().equals(record.customFields())) {
      ctx.customFields().validate(RecordType.ACCOUNT, record.customFields());
    }
  }

  @Override
  void beforeDelete(Actor actor, Account account) {
    AccountId id = account.id();
    long contacts = ctx.storage().contacts().countByAccount(id);
    long opportunities = ctx.storage().opportunities().countByAccount(id);
    if (contacts > 0 || opportunities > 0) {
      throw new RuleViolationException(
          "account " + id + " still has " + contacts + " contact(s) and " + opportunities
              + " opportunity(ies); move or delete them before deleting the account");
    }
    ctx.storage().accountBudgets().findByAccount(id)
        .ifPresent(budget -> ctx.storage().accountBudgets().delete(id, budget.version()));
  }
}
