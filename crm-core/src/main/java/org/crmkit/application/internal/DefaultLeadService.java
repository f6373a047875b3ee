package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Optional;
import org.crmkit.access.Operation;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.CreateLead;
import org.crmkit.application.LeadService;
import org.crmkit.application.UpdateLead;
import org.crmkit.customfield.CustomFields;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadQuery;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

final class DefaultLeadService implements LeadService {
  private final Context ctx;

  DefaultLeadService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Lead create(Actor actor, CreateLead cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    LeadDetails details = details(cmd.firstName(), cmd.lastName(), cmd.company(), cmd.title(), cmd.email(),
        cmd.phone(), cmd.website(), cmd.leadSource(), cmd.industry(), cmd.description());
    CustomFields custom = Values.customFields(cmd.customFields());
    LeadStatus status = cmd.status() == null ? ctx.pipeline().initialLeadStatus() : ctx.pipeline().leadStatus(cmd.status());
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    return ctx.inUnitOfWork(actor, () -> ctx.writers().leads().create(actor,
        Lead.capture(LeadId.of(ctx.ids().nextId()), owner, details, custom, status, ctx.now()), ChangeOrigin.DIRECT));
  }

  @Override
  public Lead get(Actor actor, LeadId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.LEAD, id));
  }

  @Override
  public Optional<Lead> find(Actor actor, LeadId id) {
    ctx.requireActor(actor);
    java.util.Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().findLead(actor, id));
  }

  @Override
  public Page<Lead> list(Actor actor, LeadQuery query, PageRequest page) {
    ctx.requireActor(actor);
    java.util.Objects.requireNonNull(query, "query");
    java.util.Objects.requireNonNull(page, "page");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.storage().leads().find(query, ctx.visibility(actor, RecordType.LEAD), page));
  }

  @Override
  public Lead update(Actor actor, UpdateLead cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    UserId owner = Values.owner(cmd.changes(UpdateLead.Field.OWNER), cmd.owner());
    CustomFields named = cmd.changes(UpdateLead.Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    return ctx.writers().leads().change(actor, cmd.id(), cmd.expectedVersion(), ChangeOrigin.DIRECT,
        Operation.CHANGE, lead -> {
      Instant now = ctx.now();
      lead.edit(details(cmd, lead.details()), named == null ? lead.customFields() : named, now);
      if (owner != null && !owner.equals(lead.owner())) {
        lead.assignTo(owner, now);
      }
    });
  }

  @Override
  public Lead changeStatus(Actor actor, ChangeLeadStatus cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    LeadStatus status = ctx.pipeline().leadStatus(cmd.status());
    return ctx.writers().leads().change(actor, cmd.id(), cmd.expectedVersion(), ChangeOrigin.DIRECT,
        Operation.CHANGE, lead -> lead.changeStatus(status, cmd.reason(), ctx.now()));
  }

  @Override
  public void delete(Actor actor, LeadId id, Long expectedVersion) {
    ctx.requireActor(actor);
    java.util.Objects.requireNonNull(id, "id");
    ctx.writers().leads().delete(actor, id, expectedVersion, ChangeOrigin.DIRECT);
  }

  /** The lead's details after the update: the values the command names, the current ones for the rest. */
  private static LeadDetails details(UpdateLead cmd, LeadDetails d) {
    return new LeadDetails(
        Values.pick(cmd.changes(UpdateLead.Field.FIRST_NAME), cmd.firstName(), d.firstName()),
        Values.pick(cmd.changes(UpdateLead.Field.LAST_NAME), cmd.lastName(), d.lastName()),
        Values.pick(cmd.changes(UpdateLead.Field.COMPANY), cmd.company(), d.company()),
        Values.pick(cmd.changes(UpdateLead.Field.TITLE), cmd.title(), d.title()),
        cmd.changes(UpdateLead.Field.EMAIL) ? Values.email("email", cmd.email()) : d.email(),
        Values.pick(cmd.changes(UpdateLead.Field.PHONE), cmd.phone(), d.phone()),
        Values.pick(cmd.changes(UpdateLead.Field.WEBSITE), cmd.website(), d.website()),
        Values.pick(cmd.changes(UpdateLead.Field.LEAD_SOURCE), cmd.leadSource(), d.leadSource()),
        Values.pick(cmd.changes(UpdateLead.Field.INDUSTRY), cmd.industry(), d.industry()),
        Values.pick(cmd.changes(UpdateLead.Field.DESCRIPTION), cmd.description(), d.description()));
  }

  static LeadDetails details(
      String firstName, String lastName, String company, String title, String email, String phone, String website,
      String leadSource, String industry, String description) {
    return new LeadDetails(firstName, lastName, company, title, Values.email("email", email), phone, website,
        leadSource, industry, description);
  }

  /**
   * The null check only, kept for use cases written before {@link Context#requireActor}, which also refuses actors
   * of a tenant this Crm does not serve; {@link Context#inUnitOfWork} runs that check in any case.
   */
  static void requireActor(Actor actor) {
    java.util.Objects.requireNonNull(actor, "actor: every use case needs to know who acts");
  }
}
