package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.AccountService;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.UpdateAccount;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

final class DefaultAccountService implements AccountService {
  private final Context ctx;

  DefaultAccountService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Account create(Actor actor, CreateAccount cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    AccountDetails details = new AccountDetails(cmd.name(), cmd.website(), cmd.industry(), cmd.phone(),
        Values.email("email", cmd.email()), cmd.city(), cmd.country(), cmd.description());
    Segments segments = Values.segments(cmd.segments());
    CustomFields custom = Values.customFields(cmd.customFields());
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    return ctx.inUnitOfWork(actor, () -> ctx.writers().accounts().create(actor,
        Account.create(AccountId.of(ctx.ids().nextId()), owner, details, segments, custom, ctx.now()),
        ChangeOrigin.DIRECT));
  }

  @Override
  public Account get(Actor actor, AccountId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, id));
  }

  @Override
  public Optional<Account> find(Actor actor, AccountId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().findAccount(actor, id));
  }

  @Override
  public Page<Account> list(Actor actor, AccountQuery query, PageRequest page) {
    ctx.requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.storage().accounts().find(query, ctx.visibility(actor, RecordType.ACCOUNT), page));
  }

  @Override
  public Account update(Actor actor, UpdateAccount cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    UserId owner = Values.owner(cmd.changes(UpdateAccount.Field.OWNER), cmd.owner());
    Segments segments = cmd.changes(UpdateAccount.Field.SEGMENTS) ? Values.segments(cmd.segments()) : null;
    CustomFields custom =
        cmd.changes(UpdateAccount.Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    return ctx.writers().accounts().change(actor, cmd.id(), cmd.expectedVersion(), ChangeOrigin.DIRECT,
        Operation.CHANGE, account -> {
      Instant now = ctx.now();
      account.edit(details(cmd, account.details()), segments == null ? account.segments() : segments,
          custom == null ? account.customFields() : custom, now);
      if (owner != null && !owner.equals(account.owner())) {
        account.assignTo(owner, now);
      }
    });
  }

  @Override
  public void delete(Actor actor, AccountId id, Long expectedVersion) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.writers().accounts().delete(actor, id, expectedVersion, ChangeOrigin.DIRECT);
  }

  /** The account's details after the update: the values the command names, the current ones for the rest. */
  private static AccountDetails details(UpdateAccount cmd, AccountDetails d) {
    return new AccountDetails(
        Values.pick(cmd.changes(UpdateAccount.Field.NAME), cmd.name(), d.name()),
        Values.pick(cmd.changes(UpdateAccount.Field.WEBSITE), cmd.website(), d.website()),
        Values.pick(cmd.changes(UpdateAccount.Field.INDUSTRY), cmd.industry(), d.industry()),
        Values.pick(cmd.changes(UpdateAccount.Field.PHONE), cmd.phone(), d.phone()),
        cmd.changes(UpdateAccount.Field.EMAIL) ? Values.email("email", cmd.email()) : d.email(),
        Values.pick(cmd.changes(UpdateAccount.Field.CITY), cmd.city(), d.city()),
        Values.pick(cmd.changes(UpdateAccount.Field.COUNTRY), cmd.country(), d.country()),
        Values.pick(cmd.changes(UpdateAccount.Field.DESCRIPTION), cmd.description(), d.description()));
  }
}
