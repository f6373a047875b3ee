package org.crmkit.jpa.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.List;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.BudgetLine;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.TargetResult;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;

/**
 * Maps entities to and from the core's snapshots. Instants are cut to microseconds on the way in, which is what
 * {@code TIMESTAMP(6)} keeps, so an aggregate returned by {@code save} equals the one loaded later.
 */
final class Mappers {
  private Mappers() {}

  // ---- accounts

  static AccountSnapshot toSnapshot(AccountEntity e) {
    return new AccountSnapshot(
        AccountId.of(e.getId()),
        e.getVersion(),
        UserId.of(e.ownerId),
        new AccountDetails(e.name, e.website, e.industry, e.phone, email(e.email), e.city, e.country, e.description),
        TextCodec.decodeSegments(e.segments),
        TextCodec.decodeCustomFields(e.customFields),
        e.createdAt,
        e.updatedAt);
  }

  static void copy(AccountSnapshot s, AccountEntity e) {
    e.setId(s.id().value());
    e.ownerId = s.owner().value();
    AccountDetails d = s.details();
    e.name = d.name();
    e.website = d.website();
    e.industry = d.industry();
    e.phone = d.phone();
    e.email = d.email() == null ? null : d.email().value();
    e.city = d.city();
    e.country = d.country();
    e.description = d.description();
    e.segments = TextCodec.encode(s.segments());
    e.customFields = TextCodec.encode(s.customFields());
    e.createdAt = micros(s.createdAt());
    e.updatedAt = micros(s.updatedAt());
    AccountMatchColumns.fill(d, e);
  }

  // ---- contacts

  static ContactSnapshot toSnapshot(ContactEntity e) {
    return new ContactSnapshot(
        ContactId.of(e.getId()),
        e.getVersion(),
        UserId.of(e.ownerId),
        e.accountId == null ? null : AccountId.of(e.accountId),
        new ContactDetails(e.firstName, e.lastName, email(e.email), e.phone, e.title, e.description),
        TextCodec.decodeCustomFields(e.customFields),
        e.createdAt,
        e.updatedAt);
  }

  static void copy(ContactSnapshot s, ContactEntity e) {
    e.setId(s.id().value());
    e.ownerId = s.owner().value();
    e.accountId = s.accountId() == null ? null : s.accountId().value();
    ContactDetails d = s.details();
    e.firstName = d.firstName();
    e.lastName = d.lastName();
    e.email = d.email() == null ? null : d.email().value();
    e.emailNormalized = d.email() == null ? null : d.email().normalized();
    e.phone = d.phone();
    e.title = d.title();
    e.description = d.description();
    e.customFields = TextCodec.encode(s.customFields());
    e.createdAt = micros(s.createdAt());
    e.updatedAt = micros(s.updatedAt());
  }

  // ---- leads

  static LeadSnapshot toSnapshot(LeadEntity e) {
    LeadConversionInfo conversion = e.convertedAt == null
        ? null
        : new LeadConversionInfo(
            e.convertedAccountId == null ? null : AccountId.of(e.convertedAccountId),
            e.convertedContactId == null ? null : ContactId.of(e.convertedContactId),
            e.convertedOpportunityId == null ? null : OpportunityId.of(e.convertedOpportunityId),
            e.convertedAt,
            UserId.of(e.convertedBy));
    return new LeadSnapshot(
        LeadId.of(e.getId()),
        e.getVersion(),
        UserId.of(e.ownerId),
        new LeadDetails(e.firstName, e.lastName, e.company, e.title, email(e.email), e.phone, e.website,
            e.leadSource, e.industry, e.description),
        e.status,
        e.unqualifiedReason,
        TextCodec.decodeCustomFields(e.customFields),
        conversion,
        e.createdAt,
        e.updatedAt);
  }

  static void copy(LeadSnapshot s, LeadEntity e) {
    e.setId(s.id().value());
    e.ownerId = s.owner().value();
    LeadDetails d = s.details();
    e.firstName = d.firstName();
    e.lastName = d.lastName();
    e.company = d.company();
    e.title = d.title();
    e.email = d.email() == null ? null : d.email().value();
    e.emailNormalized = d.email() == null ? null : d.email().normalized();
    e.phone = d.phone();
    e.website = d.website();
    e.leadSource = d.leadSource();
    e.industry = d.industry();
    e.description = d.description();
    e.status = s.status();
    e.unqualifiedReason = s.unqualifiedReason();
    e.customFields = TextCodec.encode(s.customFields());
    LeadConversionInfo c = s.conversion();
    e.convertedAt = c == null ? null : micros(c.convertedAt());
    e.convertedBy = c == null ? null : c.convertedBy().value();
    e.convertedAccountId = c == null || c.accountId() == null ? null : c.accountId().value();
    e.convertedContactId = c == null || c.contactId() == null ? null : c.contactId().value();
    e.convertedOpportunityId = c == null || c.opportunityId() == null ? null : c.opportunityId().value();
    e.createdAt = micros(s.createdAt());
    e.updatedAt = micros(s.updatedAt());
  }

  // ---- opportunities

  static OpportunitySnapshot toSnapshot(OpportunityEntity e) {
    return new OpportunitySnapshot(
        OpportunityId.of(e.getId()),
        e.getVersion(),
        UserId.of(e.ownerId),
        e.name,
        e.accountId == null ? null : AccountId.of(e.accountId),
        e.contactId == null ? null : ContactId.of(e.contactId),
        money(e.amount, e.currency),
        Probability.of(e.probability),
        e.probabilityManual,
        e.stage,
        e.closeDate,
        e.lostReason,
        e.leadSource,
        e.nextStep,
        e.description,
        TextCodec.decodeSegments(e.segments),
        TextCodec.decodeCustomFields(e.customFields),
        e.sourceLeadId == null ? null : LeadId.of(e.sourceLeadId),
        e.createdAt,
        e.updatedAt);
  }

  static void copy(OpportunitySnapshot s, OpportunityEntity e) {
    e.setId(s.id().value());
    e.ownerId = s.owner().value();
    e.name = s.name();
    e.accountId = s.accountId() == null ? null : s.accountId().value();
    e.contactId = s.contactId() == null ? null : s.contactId().value();
    e.amount = s.amount() == null ? null : s.amount().amount();
    e.currency = s.amount() == null ? null : s.amount().currencyCode();
    e.probability = s.probability().percent();
    e.probabilityManual = s.probabilityManual();
    e.stage = s.stage();
    e.closeDate = s.closeDate();
    e.lostReason = s.lostReason();
    e.leadSource = s.leadSource();
    e.nextStep = s.nextStep();
    e.description = s.description();
    e.segments = TextCodec.encode(s.segments());
    e.customFields = TextCodec.encode(s.customFields());
    e.sourceLeadId = s.sourceLeadId() == null ? null : s.sourceLeadId().value();
    e.createdAt = micros(s.createdAt());
    e.updatedAt = micros(s.updatedAt());
  }

  // ---- stage history

  static StageHistoryEntity toEntity(StageHistoryEntry h) {
    StageHistoryEntity e = new StageHistoryEntity();
    e.id = h.id();
    e.opportunityId = h.opportunityId().value();
    e.version = h.version();
    e.kind = h.kind().name();
    e.origin = h.origin().name();
    e.stage = h.stage();
    e.amount = h.amount() == null ? null : h.amount().amount();
    e.currency = h.amount() == null ? null : h.amount().currencyCode();
    e.probability = h.probability().percent();
    e.closeDate = h.closeDate();
    e.previousStage = h.previousStage();
    e.previousAmount = h.previousAmount() == null ? null : h.previousAmount().amount();
    e.previousCurrency = h.previousAmount() == null ? null : h.previousAmount().currencyCode();
    e.previousCloseDate = h.previousCloseDate();
    e.changedAt = micros(h.changedAt());
    e.changedBy = h.changedBy().value();
    return e;
  }

  static StageHistoryEntry toEntry(StageHistoryEntity e) {
    return new StageHistoryEntry(
        e.id,
        OpportunityId.of(e.opportunityId),
        e.version,
        ChangeKind.valueOf(e.kind),
        ChangeOrigin.valueOf(e.origin),
        e.stage,
        money(e.amount, e.currency),
        Probability.of(e.probability),
        e.closeDate,
        e.previousStage,
        money(e.previousAmount, e.previousCurrency),
        e.previousCloseDate,
        e.changedAt,
        UserId.of(e.changedBy));
  }

  // ---- conversion records

  static ConversionRecord toRecord(ConversionRecordEntity e) {
    Map<ConversionTarget, TargetResult> targets = new EnumMap<>(ConversionTarget.class);
    targets.put(ConversionTarget.ACCOUNT,
        target(ConversionTarget.ACCOUNT, e.accountAction, e.accountDisposition, e.accountRecordId,
            e.accountVersionAfter, e.accountFills));
    targets.put(ConversionTarget.CONTACT,
        target(ConversionTarget.CONTACT, e.contactAction, e.contactDisposition, e.contactRecordId,
            e.contactVersionAfter, e.contactFills));
    targets.put(ConversionTarget.OPPORTUNITY,
        target(ConversionTarget.OPPORTUNITY, e.opportunityAction, e.opportunityDisposition, e.opportunityRecordId,
            e.opportunityVersionAfter, null));
    LeadConversionInfo leadConversion = e.leadConvertedAt == null
        ? null
        : new LeadConversionInfo(
            e.leadConvertedAccountId == null ? null : AccountId.of(e.leadConvertedAccountId),
            e.leadConvertedContactId == null ? null : ContactId.of(e.leadConvertedContactId),
            e.leadConvertedOpportunityId == null ? null : OpportunityId.of(e.leadConvertedOpportunityId),
            e.leadConvertedAt,
            UserId.of(e.leadConvertedBy));
    LeadSnapshot leadBefore = new LeadSnapshot(
        LeadId.of(e.leadId),
        e.leadVersion,
        UserId.of(e.leadOwnerId),
        new LeadDetails(e.leadFirstName, e.leadLastName, e.leadCompany, e.leadTitle, email(e.leadEmail), e.leadPhone,
            e.leadWebsite, e.leadLeadSource, e.leadIndustry, e.leadDescription),
        e.leadStatus,
        e.leadUnqualifiedReason,
        TextCodec.decodeCustomFields(e.leadCustomFields),
        leadConversion,
        e.leadCreatedAt,
        e.leadUpdatedAt);
    return new ConversionRecord(
        ConversionId.of(e.getId()),
        e.getVersion(),
        LeadId.of(e.leadId),
        e.policyId,
        e.policyVersion,
        targets,
        leadBefore,
        e.automatic,
        e.ruleId,
        UserId.of(e.convertedBy),
        e.convertedAt,
        e.undoneBy == null ? null : UserId.of(e.undoneBy),
        e.undoneAt);
  }

  static void copy(ConversionRecord r, ConversionRecordEntity e) {
    if (!r.leadBefore().id().equals(r.leadId())) {
      // One column holds both: a record about one lead that snapshots another could not be stored faithfully.
      throw new IllegalArgumentException("conversion record " + r.id() + " is about lead " + r.leadId()
          + " but holds the state of lead " + r.leadBefore().id());
    }
    e.setId(r.id().value());
    e.leadId = r.leadId().value();
    e.policyId = r.policyId();
    e.policyVersion = r.policyVersion();
    TargetResult account = r.target(ConversionTarget.ACCOUNT);
    e.accountAction = account.action().name();
    e.accountDisposition = account.disposition().name();
    e.accountRecordId = account.recordUuid();
    e.accountFills = TextCodec.encodeFills(account.fills());
    e.accountVersionAfter = account.versionAfter();
    TargetResult contact = r.target(ConversionTarget.CONTACT);
    e.contactAction = contact.action().name();
    e.contactDisposition = contact.disposition().name();
    e.contactRecordId = contact.recordUuid();
    e.contactFills = TextCodec.encodeFills(contact.fills());
    e.contactVersionAfter = contact.versionAfter();
    TargetResult opportunity = r.target(ConversionTarget.OPPORTUNITY);
    e.opportunityAction = opportunity.action().name();
    e.opportunityDisposition = opportunity.disposition().name();
    e.opportunityRecordId = opportunity.recordUuid();
    e.opportunityVersionAfter = opportunity.versionAfter();
    e.automatic = r.automatic();
    e.ruleId = r.ruleId();
    e.convertedBy = r.convertedBy().value();
    e.convertedAt = micros(r.convertedAt());
    e.undoneBy = r.undoneBy() == null ? null : r.undoneBy().value();
    e.undoneAt = micros(r.undoneAt());

    LeadSnapshot s = r.leadBefore();
    e.leadVersion = s.version();
    e.leadOwnerId = s.owner().value();
    LeadDetails d = s.details();
    e.leadFirstName = d.firstName();
    e.leadLastName = d.lastName();
    e.leadCompany = d.company();
    e.leadTitle = d.title();
    e.leadEmail = d.email() == null ? null : d.email().value();
    e.leadPhone = d.phone();
    e.leadWebsite = d.website();
    e.leadLeadSource = d.leadSource();
    e.leadIndustry = d.industry();
    e.leadDescription = d.description();
    e.leadStatus = s.status();
    e.leadUnqualifiedReason = s.unqualifiedReason();
    e.leadCustomFields = TextCodec.encode(s.customFields());
    LeadConversionInfo c = s.conversion();
    e.leadConvertedAt = c == null ? null : micros(c.convertedAt());
    e.leadConvertedBy = c == null ? null : c.convertedBy().value();
    e.leadConvertedAccountId = c == null || c.accountId() == null ? null : c.accountId().value();
    e.leadConvertedContactId = c == null || c.contactId() == null ? null : c.contactId().value();
    e.leadConvertedOpportunityId = c == null || c.opportunityId() == null ? null : c.opportunityId().value();
    e.leadCreatedAt = micros(s.createdAt());
    e.leadUpdatedAt = micros(s.updatedAt());
  }

  private static TargetResult target(ConversionTarget target, String action, String disposition, UUID recordId,
      long versionAfter, String fills) {
    return TargetResult.restore(target, ConversionAction.valueOf(action), Disposition.valueOf(disposition), recordId,
        versionAfter, TextCodec.decodeFills(fills));
  }

  // ---- billing forecasts

  static BillingForecastSnapshot toSnapshot(BillingForecastEntity e) {
    return new BillingForecastSnapshot(
        OpportunityId.of(e.getId()),
        e.getVersion(),
        forecastLines(e.lines),
        money(e.flaggedDifference, e.flaggedCurrency),
        e.updatedAt);
  }

  static void copy(BillingForecastSnapshot s, BillingForecastEntity e) {
    e.setId(s.opportunityId().value());
    // Rewriting an unchanged collection would mark it dirty and write (and version) the row for nothing.
    if (!forecastLines(e.lines).equals(s.lines())) {
      e.lines.clear();
      for (ForecastLine line : s.lines()) {
        MonthLine row = new MonthLine();
        row.month = line.month().atDay(1);
        row.amount = line.amount().amount();
        row.currency = line.amount().currencyCode();
        row.note = line.note();
        e.lines.add(row);
      }
    }
    e.flaggedDifference = s.flaggedDifference() == null ? null : s.flaggedDifference().amount();
    e.flaggedCurrency = s.flaggedDifference() == null ? null : s.flaggedDifference().currencyCode();
    e.updatedAt = micros(s.updatedAt());
  }

  /** @return the lines in month order (a collection table has no order of its own) */
  private static List<ForecastLine> forecastLines(Collection<MonthLine> rows) {
    return rows.stream()
        .map(r -> new ForecastLine(YearMonth.from(r.month), money(r.amount, r.currency), r.note))
        .sorted(Comparator.comparing(ForecastLine::month))
        .toList();
  }

  // ---- billing forecast history

  static ForecastHistoryEntity toEntity(ForecastHistoryEntry h) {
    ForecastHistoryEntity e = new ForecastHistoryEntity();
    e.id = h.id();
    e.opportunityId = h.opportunityId().value();
    e.version = h.version();
    e.cause = h.cause().name();
    addHistoryLines(e, HistoryLine.BEFORE, h.before());
    addHistoryLines(e, HistoryLine.AFTER, h.after());
    e.flaggedDifference = h.flaggedDifference() == null ? null : h.flaggedDifference().amount();
    e.flaggedCurrency = h.flaggedDifference() == null ? null : h.flaggedDifference().currencyCode();
    e.changedAt = micros(h.changedAt());
    e.changedBy = h.changedBy().value();
    return e;
  }

  private static void addHistoryLines(ForecastHistoryEntity e, String side, List<ForecastLine> lines) {
    for (ForecastLine line : lines) {
      HistoryLine row = new HistoryLine();
      row.side = side;
      row.month = line.month().atDay(1);
      row.amount = line.amount().amount();
      row.currency = line.amount().currencyCode();
      row.note = line.note();
      e.lines.add(row);
    }
  }

  static ForecastHistoryEntry toEntry(ForecastHistoryEntity e) {
    return new ForecastHistoryEntry(
        e.id,
        OpportunityId.of(e.opportunityId),
        e.version,
        ForecastChangeCause.valueOf(e.cause),
        historyLines(e, HistoryLine.BEFORE),
        historyLines(e, HistoryLine.AFTER),
        money(e.flaggedDifference, e.flaggedCurrency),
        e.changedAt,
        UserId.of(e.changedBy));
  }

  private static List<ForecastLine> historyLines(ForecastHistoryEntity e, String side) {
    return e.lines.stream()
        .filter(r -> r.side.equals(side))
        .map(r -> new ForecastLine(YearMonth.from(r.month), money(r.amount, r.currency), r.note))
        .sorted(Comparator.comparing(ForecastLine::month))
        .toList();
  }

  // ---- account budgets

  static AccountBudgetSnapshot toSnapshot(AccountBudgetEntity e) {
    return new AccountBudgetSnapshot(AccountId.of(e.getId()), e.getVersion(), budgetLines(e.months), e.updatedAt);
  }

  static void copy(AccountBudgetSnapshot s, AccountBudgetEntity e) {
    e.setId(s.accountId().value());
    if (!budgetLines(e.months).equals(s.months())) {
      e.months.clear();
      for (BudgetLine line : s.months()) {
        BudgetMonth row = new BudgetMonth();
        row.month = line.month().atDay(1);
        row.amount = line.amount().amount();
        row.currency = line.amount().currencyCode();
        e.months.add(row);
      }
    }
    e.updatedAt = micros(s.updatedAt());
  }

  private static List<BudgetLine> budgetLines(Collection<BudgetMonth> rows) {
    return rows.stream()
        .map(r -> new BudgetLine(YearMonth.from(r.month), money(r.amount, r.currency)))
        .sorted(Comparator.comparing(BudgetLine::month))
        .toList();
  }

  // ---- values

  /**
   * Money from a NUMERIC(19,4) column: the database returns the column's scale (10.5000), Money keeps the
   * currency's (10.50); its constructor strips the zeros and refuses real excess decimals.
   */
  static Money money(BigDecimal amount, String currency) {
    if (amount == null) {
      return null;
    }
    return new Money(amount, Currency.getInstance(currency));
  }

  static EmailAddress email(String value) {
    return value == null ? null : EmailAddress.of(value);
  }

  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
