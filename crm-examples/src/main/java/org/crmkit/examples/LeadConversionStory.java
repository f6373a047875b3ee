package org.crmkit.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.application.ConvertLead;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.OpportunityId;
import org.crmkit.storage.CrmStorage;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;

/**
 * Web-captured leads become customers: converted by hand (after a dry run), in bulk, and automatically by a
 * workflow rule when they are qualified; then one conversion is undone.
 */
final class LeadConversionStory {
  private final PrintStream out;
  private final StoryClock clock = new StoryClock(Instant.parse("2026-04-06T08:00:00Z"));
  private final Crm crm;
  private final Actor alice = Actor.user("alice");

  LeadConversionStory(PrintStream out, CrmStorage storage) {
    this.out = out;
    ConversionPolicy webLeads = ConversionPolicy.builder("web-leads")
        .opportunityNameTemplate("{company} - first order")
        .automaticConversionAllowed(true)
        .build();
    this.crm = Crm.builder()
        .storage(storage)
        .clock(clock)
        .conversionPolicies(webLeads)
        .workflows(WorkflowRules.of(WorkflowRule.builder("auto-convert-qualified")
            .on(Trigger.leadStatusChangedTo("qualified"))
            .when(FieldCondition.isNotEmpty("company"))
            .then(WorkflowAction.convertLead("web-leads"))
            .build()))
        .build();
  }

  LeadConversionStory(PrintStream out) {
    this(out, InMemoryStorage.create());
  }

  void run() {
    out.println();
    out.println("Lead conversion");
    out.println("===============");
    Account existing = crm.accounts().create(alice, CreateAccount.named("Initech Inc."));
    Lead peter = capture("Peter", "Gibbons", "Initech", "peter@initech.example");
    Lead samir = capture("Samir", "Nagheenanajar", "O'Reilly Auto Parts", "samir@oreilly.example");
    Lead michael = capture("Michael", "Bolton", "Chotchkie's", "michael@chotchkies.example");
    Lead joanna = capture("Joanna", "Smith", "Flingers", "joanna@flingers.example");

    section("A dry run first: what would converting Peter create or link?");
    ConversionPreview preview = crm.conversions().preview(alice, ConvertLead.of(peter.id())
        .account(TargetChoice.matchOrCreate()));
    preview.targets().forEach((target, plan) -> {
      String values = plan.values().entrySet().stream().limit(3)
          .map(e -> e.getKey() + "=" + e.getValue().asText()).collect(java.util.stream.Collectors.joining(", "));
      out.printf("  %-11s would be %-8s %s%s%n", target.name().toLowerCase(java.util.Locale.ROOT),
          plan.disposition().name().toLowerCase(java.util.Locale.ROOT), values,
          plan.candidates().isEmpty() ? "" : "  (matches " + plan.candidates().stream().map(c -> c.label()).toList() + ")");
    });
    preview.problems().forEach(p -> out.println("  problem: " + p.message()));

    section("By hand: Peter joins the existing account Initech Inc.");
    ConversionOutcome byHand = crm.conversions().convert(alice, ConvertLead.of(peter.id())
        .account(TargetChoice.link(existing.id())));
    out.print("  Peter:");
    describe(byHand);
    ConversionOutcome again = crm.conversions().convert(alice, ConvertLead.of(peter.id()));
    out.println("  converting Peter again: " + (again instanceof ConversionOutcome.Rejected r
        ? "rejected, " + r.problems().get(0).message() : "converted?!"));

    section("A look-alike: Bill's company \"Initech & Co\" is only similar to Initech Inc., so it is offered, not linked");
    Lead bill = capture("Bill", "Lumbergh", "Initech & Co", "bill@gmail.com");
    ConversionOutcome lookAlike = crm.conversions().convert(alice, ConvertLead.of(bill.id()));
    if (lookAlike instanceof ConversionOutcome.Rejected r) {
      DuplicateCandidate best = r.problems().get(0).candidates().get(0);
      out.printf("  rejected: %s; best candidate %s (%s, similarity %.2f)%n", r.problems().get(0).reason(),
          best.label(), best.matchedOn(), best.similarity());
      out.print("  Bill, linked to the candidate by hand:");
      describe(crm.conversions().convert(alice, ConvertLead.of(bill.id()).account(best.link())));
    }

    section("In bulk: Samir and Michael, each in its own unit of work");
    BulkConversionResult bulk = crm.conversions().convertAll(alice, List.of(samir.id(), michael.id()), "web-leads");
    for (BulkConversionResult.Item item : bulk.items()) {
      out.print("  " + crm.leads().get(alice, item.leadId()).details().displayName() + ":");
      item.outcome().ifPresentOrElse(this::describe,
          () -> out.println(" failed: " + item.error().map(RuntimeException::getMessage).orElse("?")));
    }

    section("Automatically: Joanna is qualified, and a workflow rule converts her in the same transaction");
    clock.pass(Duration.ofDays(1));
    crm.leads().changeStatus(alice, ChangeLeadStatus.of(joanna.id(), joanna.version(), "qualified"));
    Lead converted = crm.leads().get(alice, joanna.id());
    out.println("  Joanna's lead is now " + converted.status() + ", read-only, and became opportunity "
        + name(converted.conversion().orElseThrow().opportunityId()));

    section("Undo: Michael's conversion was a mistake");
    UndoOutcome undo = crm.conversions().undo(alice, michael.id());
    out.println("  " + (undo instanceof UndoOutcome.Undone ? "undone: the lead is "
        + crm.leads().get(alice, michael.id()).status() + " again and the records it created are gone"
        : "refused: " + ((UndoOutcome.Refused) undo).reasons()));
    out.println("  audit trail for Michael: " + crm.conversions().countRecords(alice, michael.id())
        + " conversion record(s), undone by " + crm.conversions().records(alice, michael.id()).get(0).undoneBy());
  }

  private Lead capture(String first, String last, String company, String email) {
    clock.pass(Duration.ofMinutes(5));
    return crm.leads().create(alice, CreateLead.of(first, last, company, email).leadSource("Web form"));
  }

  private void describe(ConversionOutcome outcome) {
    if (outcome instanceof ConversionOutcome.Converted c) {
      StringBuilder sb = new StringBuilder("converted:");
      c.record().targets().forEach((target, result) -> {
        if (result.recordId().isPresent()) {
          sb.append(' ').append(target.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
              .append(result.disposition().name().toLowerCase(java.util.Locale.ROOT));
        }
      });
      c.opportunityId().ifPresent(id -> sb.append(" (\"").append(name(id)).append("\")"));
      out.println(" " + sb);
    } else if (outcome instanceof ConversionOutcome.Rejected r) {
      out.println(" rejected: " + r.problems().stream().map(p -> p.message()).toList());
    }
  }

  private String name(OpportunityId id) {
    return crm.opportunities().find(alice, id).map(Opportunity::name).orElse("?");
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
