package org.crmkit.application.internal;

import static org.crmkit.application.internal.DefaultLeadService.requireActor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
    requireActor(actor);
    ctx.validation().check(cmd);
    AccountDetails details = new AccountDetails(cmd.name(), cmd.website(), cmd.industry(), cmd.phone(),
        Values.email("email", cmd.email()), cmd.city(), cmd.country(), cmd.description());
    Segments segments = Values.segments(cmd.segments());
    CustomFields custom = Values.customFields(cmd.customFields());
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    return ctx.inUnitOfWork(() -> ctx.writers().accounts().create(actor,
        Account.create(AccountId.of(ctx.ids().nextId()), owner, details, segments, custom, ctx.now()),
        ChangeOrigin.DIRECT));
  }

  @Override
  public Account get(Actor actor, AccountId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, id));
  }

  @Override
  public Optional<Account> find(Actor actor, AccountId id) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage().accounts().findById(id));
  }

  @Override
  public Page<Account> list(Actor actor, AccountQuery query, PageRequest page) {
    requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inUnitOfWork(() -> ctx.storage().accounts().find(query, page));
  }

  @Override
  public Account update(Actor actor, UpdateAccount cmd) {
    requireActor(actor);
    ctx.validation().check(cmd);
    AccountDetails details = new AccountDetails(cmd.name(), cmd.website(), cmd.industry(), cmd.phone(),
        Values.email("email", cmd.email()), cmd.city(), cmd.country(), cmd.description());
    Segments segments = Values.segments(cmd.segments());
    CustomFields custom = Values.customFields(cmd.customFields());
    return ctx.writers().accounts().change(actor, cmd.id(), cmd.expectedVersion(), ChangeOrigin.DIRECT, account -> {
      Instant now = ctx.now();
      account.edit(details, segments, custom, now);
      if (cmd.owner() != null && !cmd.owner().equals(account.owner())) {
        account.assignTo(cmd.owner(), now);
      }
    });
  }

  @Override
  public void delete(Actor actor, AccountId id, Long expectedVersion) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.writers().accounts().delete(actor, id, expectedVersion, ChangeOrigin.DIRECT);
  }
}
