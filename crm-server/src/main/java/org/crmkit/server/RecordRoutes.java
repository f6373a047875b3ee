package org.crmkit.server;

import static org.crmkit.server.Route.QueryParam;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.contact.ContactQuery;
import org.crmkit.lead.LeadQuery;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * The routes of the records: leads (with conversion), accounts, contacts, opportunities (with stage changes, history
 * and billing forecasts). Every handler calls one use case as the call's actor and answers its document.
 */
final class RecordRoutes extends RouteGroup {
  private static final List<QueryParam> VERSION =
      List.of(new QueryParam("version", "integer", "the version the deletion is based on (optional; 409 if stale)"));

  RecordRoutes(List<Route> routes, Crm crm) {
    super(routes, crm);
  }

  @Override
  void register() {
    leads();
    accounts();
    contacts();
    opportunities();
  }

  private void leads() {
    String tag = "leads";
    add("GET", "/api/leads", tag, "List leads (paged; filter by owner, status, email, converted)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("status", "string", "lead status key"),
            new QueryParam("email", "string", "e-mail address"),
            new QueryParam("converted", "boolean", "true: converted leads only; false: open leads only"))),
        200, "Page of Lead", List.of(400), c -> {
          LeadQuery q = LeadQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("status").map(q::withStatus).orElse(q);
          q = with(c, "email", q, (query, v) -> query.withEmail(EmailAddress.of(v)));
          q = c.queryBoolean("converted").map(q::withConverted).orElse(q);
          return Reply.ok(crm.leads().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/leads", tag, "Create a lead", CreateLead.class, List.of(), 201, "Lead", List.of(400, 403),
        c -> Reply.json(201, crm.leads().create(c.actor(), c.read(CreateLead.class))));
    add("GET", "/api/leads/{id}", tag, "Read a lead", null, List.of(), 200, "Lead", List.of(400, 404),
        c -> Reply.ok(crm.leads().get(c.actor(), LeadId.of(c.uuid("id")))));
    add("PATCH", "/api/leads/{id}", tag, "Change a lead's fields (UpdateLead: only the fields present change)",
        UpdateLead.class, List.of(), 200, "Lead", List.of(400, 403, 404, 409), c -> {
          UpdateLead cmd = c.read(UpdateLead.class);
          same(c, cmd.id());
          return Reply.ok(crm.leads().update(c.actor(), cmd));
        });
    add("DELETE", "/api/leads/{id}", tag, "Delete a lead (not a converted one)", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.leads().delete(c.actor(), LeadId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("POST", "/api/leads/{id}/status", tag, "Change a lead's status", ChangeLeadStatus.class, List.of(), 200,
        "Lead", List.of(400, 403, 404, 409), c -> {
          ChangeLeadStatus cmd = c.read(ChangeLeadStatus.class);
          same(c, cmd.id());
          return Reply.ok(crm.leads().changeStatus(c.actor(), cmd));
        });
    Route convert = route("POST", "/api/leads/{id}/conversion", tag,
        "Convert a lead (body: ConvertLead, optional; ?dryRun=true previews without writing)", ConvertLead.class,
        false, List.of(new QueryParam("dryRun", "boolean", "true: answer the ConversionPreview, write nothing")),
        JSON, 200, "ConversionOutcome, or ConversionPreview with dryRun", List.of(400, 403, 404, 409), c -> {
          LeadId id = LeadId.of(c.uuid("id"));
          ConvertLead cmd = c.hasBody() ? c.read(ConvertLead.class) : ConvertLead.of(id);
          if (!cmd.leadId().equals(id)) {
            throw HttpError.badParameter("leadId", "does not match the lead in the path");
          }
          if (c.queryBoolean("dryRun").orElse(false)) {
            return Reply.ok(crm.conversions().preview(c.actor(), cmd));
          }
          return Reply.ok(crm.conversions().convert(c.actor(), cmd));
        });
    routes.add(convert);
    add("DELETE", "/api/leads/{id}/conversion", tag, "Undo a lead's conversion", null, List.of(), 200,
        "UndoOutcome", List.of(400, 403, 404, 409),
        c -> Reply.ok(crm.conversions().undo(c.actor(), LeadId.of(c.uuid("id")))));
    add("GET", "/api/leads/{id}/conversions", tag, "The lead's conversion records (audit)", null, List.of(), 200,
        "array of ConversionRecord", List.of(400, 404),
        c -> Reply.ok(crm.conversions().records(c.actor(), LeadId.of(c.uuid("id")))));
  }

  private void accounts() {
    String tag = "accounts";
    add("GET", "/api/accounts", tag, "List accounts (paged; filter by owner, name)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("name", "string", "part of the name"))),
        200, "Page of Account", List.of(400), c -> {
          AccountQuery q = AccountQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("name").map(q::withNameContaining).orElse(q);
          return Reply.ok(crm.accounts().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/accounts", tag, "Create an account", CreateAccount.class, List.of(), 201, "Account",
        List.of(400, 403), c -> Reply.json(201, crm.accounts().create(c.actor(), c.read(CreateAccount.class))));
    add("GET", "/api/accounts/{id}", tag, "Read an account", null, List.of(), 200, "Account", List.of(400, 404),
        c -> Reply.ok(crm.accounts().get(c.actor(), AccountId.of(c.uuid("id")))));
    add("PATCH", "/api/accounts/{id}", tag, "Change an account's fields (UpdateAccount)", UpdateAccount.class,
        List.of(), 200, "Account", List.of(400, 403, 404, 409), c -> {
          UpdateAccount cmd = c.read(UpdateAccount.class);
          same(c, cmd.id());
          return Reply.ok(crm.accounts().update(c.actor(), cmd));
        });
    add("DELETE", "/api/accounts/{id}", tag, "Delete an account", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.accounts().delete(c.actor(), AccountId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("GET", "/api/accounts/{id}/card", tag, "The account card: budget, forecast and won by month", null, ReportRoutes.CARD,
        200, "AccountCard", List.of(400, 404), c -> Reply.ok(ReportRoutes.card(crm, c)));
  }

  private void contacts() {
    String tag = "contacts";
    add("GET", "/api/contacts", tag, "List contacts (paged; filter by owner, account, email)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("accountId", "string", "the account's id"),
            new QueryParam("email", "string", "e-mail address"))),
        200, "Page of Contact", List.of(400), c -> {
          ContactQuery q = ContactQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.queryUuid("accountId").map(AccountId::of).map(q::withAccount).orElse(q);
          q = with(c, "email", q, (query, v) -> query.withEmail(EmailAddress.of(v)));
          return Reply.ok(crm.contacts().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/contacts", tag, "Create a contact", CreateContact.class, List.of(), 201, "Contact",
        List.of(400, 403, 404), c -> Reply.json(201, crm.contacts().create(c.actor(), c.read(CreateContact.class))));
    add("GET", "/api/contacts/{id}", tag, "Read a contact", null, List.of(), 200, "Contact", List.of(400, 404),
        c -> Reply.ok(crm.contacts().get(c.actor(), ContactId.of(c.uuid("id")))));
    add("PATCH", "/api/contacts/{id}", tag, "Change a contact's fields (UpdateContact)", UpdateContact.class,
        List.of(), 200, "Contact", List.of(400, 403, 404, 409), c -> {
          UpdateContact cmd = c.read(UpdateContact.class);
          same(c, cmd.id());
          return Reply.ok(crm.contacts().update(c.actor(), cmd));
        });
    add("DELETE", "/api/contacts/{id}", tag, "Delete a contact", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.contacts().delete(c.actor(), ContactId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
  }

  private void opportunities() {
    String tag = "opportunities";
    add("GET", "/api/opportunities", tag,
        "List opportunities (paged; filter by owner, stages, account, contact, close date)", null,
        concat(PAGING, List.of(new QueryParam("owner", "string", "owner's user id"),
            new QueryParam("stage", "string", "stage keys, comma-separated"),
            new QueryParam("accountId", "string", "the account's id"),
            new QueryParam("contactId", "string", "the contact's id"),
            new QueryParam("closingFrom", "string", "close date on or after, e.g. 2026-01-01"),
            new QueryParam("closingTo", "string", "close date on or before, e.g. 2026-12-31"))),
        200, "Page of Opportunity", List.of(400), c -> {
          OpportunityQuery q = OpportunityQuery.all();
          q = c.query("owner").map(UserId::of).map(q::withOwner).orElse(q);
          q = c.query("stage").map(s -> Set.copyOf(new LinkedHashSet<>(Arrays.asList(s.split("\\s*,\\s*")))))
              .map(q::withStages).orElse(q);
          q = c.queryUuid("accountId").map(AccountId::of).map(q::withAccount).orElse(q);
          q = c.queryUuid("contactId").map(ContactId::of).map(q::withContact).orElse(q);
          Optional<java.time.LocalDate> from = c.queryDate("closingFrom");
          Optional<java.time.LocalDate> to = c.queryDate("closingTo");
          if (from.isPresent() || to.isPresent()) {
            q = q.closingBetween(from.orElse(null), to.orElse(null));
          }
          return Reply.ok(crm.opportunities().list(c.actor(), q, c.page()));
        });
    add("POST", "/api/opportunities", tag, "Create an opportunity", CreateOpportunity.class, List.of(), 201,
        "Opportunity", List.of(400, 403, 404),
        c -> Reply.json(201, crm.opportunities().create(c.actor(), c.read(CreateOpportunity.class))));
    add("GET", "/api/opportunities/{id}", tag, "Read an opportunity", null, List.of(), 200, "Opportunity",
        List.of(400, 404), c -> Reply.ok(crm.opportunities().get(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("PATCH", "/api/opportunities/{id}", tag, "Change an opportunity's fields (UpdateOpportunity)",
        UpdateOpportunity.class, List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          UpdateOpportunity cmd = c.read(UpdateOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().update(c.actor(), cmd));
        });
    add("DELETE", "/api/opportunities/{id}", tag, "Delete an opportunity", null, VERSION, 204, "nothing",
        List.of(400, 403, 404, 409), c -> {
          crm.opportunities().delete(c.actor(), OpportunityId.of(c.uuid("id")), c.queryLong("version").orElse(null));
          return Reply.noContent();
        });
    add("POST", "/api/opportunities/{id}/stage", tag, "Move an opportunity to another open stage", ChangeStage.class,
        List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          ChangeStage cmd = c.read(ChangeStage.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().changeStage(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/win", tag, "Win an opportunity", WinOpportunity.class, List.of(), 200,
        "Opportunity", List.of(400, 403, 404, 409), c -> {
          WinOpportunity cmd = c.read(WinOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().win(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/lose", tag, "Lose an opportunity", LoseOpportunity.class, List.of(), 200,
        "Opportunity", List.of(400, 403, 404, 409), c -> {
          LoseOpportunity cmd = c.read(LoseOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().lose(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/reopen", tag, "Reopen a won or lost opportunity", ReopenOpportunity.class,
        List.of(), 200, "Opportunity", List.of(400, 403, 404, 409), c -> {
          ReopenOpportunity cmd = c.read(ReopenOpportunity.class);
          same(c, cmd.id());
          return Reply.ok(crm.opportunities().reopen(c.actor(), cmd));
        });
    add("GET", "/api/opportunities/{id}/history", tag, "The opportunity's stage history, oldest first", null,
        List.of(), 200, "array of StageHistoryEntry", List.of(400, 404),
        c -> Reply.ok(crm.opportunities().history(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("GET", "/api/opportunities/{id}/forecast", "forecasts", "The opportunity's billing forecast", null,
        List.of(), 200, "BillingForecast", List.of(400, 404),
        c -> Reply.ok(crm.forecasts().get(c.actor(), OpportunityId.of(c.uuid("id")))));
    add("PUT", "/api/opportunities/{id}/forecast", "forecasts", "Enter the billing forecast by hand (EnterForecast)",
        EnterForecast.class, List.of(), 200, "BillingForecast", List.of(400, 403, 404, 409), c -> {
          EnterForecast cmd = c.read(EnterForecast.class);
          same(c, cmd.opportunityId());
          return Reply.ok(crm.forecasts().enter(c.actor(), cmd));
        });
    add("POST", "/api/opportunities/{id}/forecast/split", "forecasts",
        "Split an amount evenly over months (SplitForecast)", SplitForecast.class, List.of(), 200,
        "BillingForecast", List.of(400, 403, 404, 409), c -> {
          SplitForecast cmd = c.read(SplitForecast.class);
          same(c, cmd.opportunityId());
          return Reply.ok(crm.forecasts().splitEvenly(c.actor(), cmd));
        });
    add("DELETE", "/api/opportunities/{id}/forecast", "forecasts", "Clear the billing forecast", null, VERSION, 200,
        "BillingForecast", List.of(400, 403, 404, 409),
        c -> Reply.ok(crm.forecasts().clear(c.actor(), OpportunityId.of(c.uuid("id")),
            c.queryLong("version").orElse(null))));
    add("GET", "/api/opportunities/{id}/forecast/history", "forecasts", "The billing forecast's change history",
        null, List.of(), 200, "array of ForecastHistoryEntry", List.of(400, 404),
        c -> Reply.ok(crm.forecasts().history(c.actor(), OpportunityId.of(c.uuid("id")))));
  }
}
