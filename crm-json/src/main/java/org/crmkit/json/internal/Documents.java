package org.crmkit.json.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.bi.Movement;
import org.crmkit.bi.MovementKind;
import org.crmkit.bi.OpportunityDayState;
import org.crmkit.bi.PipelineAsOf;
import org.crmkit.bi.PipelineGroup;
import org.crmkit.bi.PipelineGrouping;
import org.crmkit.bi.SnapshotDay;
import org.crmkit.bi.SnapshotSource;
import org.crmkit.bi.TrendPoint;
import org.crmkit.bi.Waterfall;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.budget.AccountCard;
import org.crmkit.budget.BudgetLine;
import org.crmkit.budget.MonthFigures;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.TargetPlan;
import org.crmkit.conversion.TargetResult;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.json.CrmError;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.StageKind;
import org.crmkit.report.AggregateFunction;
import org.crmkit.report.DateBucket;
import org.crmkit.report.AccountCardReport;
import org.crmkit.report.DashboardQuery;
import org.crmkit.report.ForecastMonth;
import org.crmkit.report.FunnelStep;
import org.crmkit.report.HomePage;
import org.crmkit.report.LeadSourceConversion;
import org.crmkit.report.MoneySums;
import org.crmkit.report.SalesDashboard;
import org.crmkit.report.WinRate;
import org.crmkit.report.Operator;
import org.crmkit.report.RateUsed;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportColumn;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportFilter;
import org.crmkit.report.ReportGroup;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportRow;
import org.crmkit.report.ReportSort;
import org.crmkit.report.ReportSource;
import org.crmkit.report.ValueType;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * The description of every crmkit JSON document but the commands (see {@link Commands}): how each record, result
 * and value is written as a tree and read back from one. Trees are plain Java: {@code Map<String, Object>} for an
 * object (in property order), {@code List<Object>} for an array, {@code String}, {@code Boolean},
 * {@code BigDecimal} (any number read), {@code Integer} or {@code Long} (whole numbers written), and null.
 */
public final class Documents {

  /** Writes one document. @param <T> the type it writes */
  @FunctionalInterface
  interface Writer<T> {
    Object write(T value);
  }

  /** Reads one document. @param <T> the type it reads */
  @FunctionalInterface
  interface Reader<T> {
    T read(Object tree, String path);
  }

  private final CustomFieldSchema schema;
  private final Map<Class<?>, Writer<?>> writers = new LinkedHashMap<>();
  private final Map<Class<?>, Reader<?>> readers = new LinkedHashMap<>();
  private final Commands commands;

  /**
   * Describes the documents for a schema.
   *
   * @param schema the custom fields whose values documents carry, never null
   */
  public Documents(CustomFieldSchema schema) {
    this.schema = schema;
    this.commands = new Commands(this);
    define(LeadSnapshot.class, this::lead, (t, p) -> readLead(In.of(t, p)));
    define(Lead.class, l -> lead(l.snapshot()), (t, p) -> In.build(p, () -> Lead.restore(readLead(In.of(t, p)))));
    define(LeadDetails.class, d -> leadDetails(Out.object(), d).tree(), (t, p) -> {
      In in = In.of(t, p);
      LeadDetails d = readLeadDetails(in);
      in.end();
      return d;
    });
    define(AccountSnapshot.class, this::account, (t, p) -> readAccount(In.of(t, p)));
    define(Account.class, a -> account(a.snapshot()),
        (t, p) -> In.build(p, () -> Account.restore(readAccount(In.of(t, p)))));
    define(ContactSnapshot.class, this::contact, (t, p) -> readContact(In.of(t, p)));
    define(Contact.class, c -> contact(c.snapshot()),
        (t, p) -> In.build(p, () -> Contact.restore(readContact(In.of(t, p)))));
    define(OpportunitySnapshot.class, this::opportunity, (t, p) -> readOpportunity(In.of(t, p)));
    define(Opportunity.class, o -> opportunity(o.snapshot()),
        (t, p) -> In.build(p, () -> Opportunity.restore(readOpportunity(In.of(t, p)))));
    define(OpportunitySummary.class, this::summary, (t, p) -> readSummary(In.of(t, p)));
    define(StageHistoryEntry.class, this::stageEntry, (t, p) -> readStageEntry(In.of(t, p)));
    define(ForecastLine.class, this::forecastLine, this::readForecastLine);
    define(BillingForecastSnapshot.class, this::forecast, (t, p) -> readForecast(In.of(t, p)));
    define(BillingForecast.class, f -> forecast(f.snapshot()),
        (t, p) -> In.build(p, () -> BillingForecast.restore(readForecast(In.of(t, p)))));
    define(ForecastHistoryEntry.class, this::forecastEntry, (t, p) -> readForecastEntry(In.of(t, p)));
    define(BudgetLine.class, this::budgetLine, this::readBudgetLine);
    define(AccountBudgetSnapshot.class, this::budget, (t, p) -> readBudget(In.of(t, p)));
    define(AccountBudget.class, b -> budget(b.snapshot()),
        (t, p) -> In.build(p, () -> AccountBudget.restore(readBudget(In.of(t, p)))));
    define(MonthFigures.class, this::monthFigures, (t, p) -> readMonthFigures(In.of(t, p)));
    define(AccountCard.class, this::card, (t, p) -> readCard(In.of(t, p)));
    define(ConversionRecord.class, this::conversionRecord, (t, p) -> readConversionRecord(In.of(t, p)));
    define(ConversionProblem.class, this::problem, (t, p) -> readProblem(In.of(t, p)));
    define(DuplicateCandidate.class, this::candidate, (t, p) -> readCandidate(In.of(t, p)));
    define(ConversionOutcome.class, this::outcome, (t, p) -> readOutcome(In.of(t, p)));
    define(ConversionOutcome.Converted.class, this::outcome,
        (t, p) -> expect(readOutcome(In.of(t, p)), ConversionOutcome.Converted.class, p, "CONVERTED"));
    define(ConversionOutcome.Rejected.class, this::outcome,
        (t, p) -> expect(readOutcome(In.of(t, p)), ConversionOutcome.Rejected.class, p, "REJECTED"));
    define(UndoOutcome.class, this::undo, (t, p) -> readUndo(In.of(t, p)));
    define(UndoOutcome.Undone.class, this::undo,
        (t, p) -> expect(readUndo(In.of(t, p)), UndoOutcome.Undone.class, p, "UNDONE"));
    define(UndoOutcome.Refused.class, this::undo,
        (t, p) -> expect(readUndo(In.of(t, p)), UndoOutcome.Refused.class, p, "REFUSED"));
    define(ConversionPreview.class, this::preview, (t, p) -> readPreview(In.of(t, p)));
    writers.put(BulkConversionResult.class, (Writer<BulkConversionResult>) this::bulk);
    define(ReportDefinition.class, this::reportDefinition, (t, p) -> readReportDefinition(In.of(t, p)));
    define(ReportResult.class, this::reportResult, (t, p) -> readReportResult(In.of(t, p)));
    define(MoneySums.class, Documents::moneySums, Documents::readMoneySums);
    define(WinRate.class, Documents::winRate, (t, p) -> readWinRate(In.of(t, p)));
    define(FunnelStep.class, Documents::funnelStep, (t, p) -> readFunnelStep(In.of(t, p)));
    define(ForecastMonth.class, Documents::forecastMonth, (t, p) -> readForecastMonth(In.of(t, p)));
    define(LeadSourceConversion.class, Documents::leadConversion, (t, p) -> readLeadConversion(In.of(t, p)));
    define(DashboardQuery.class, Documents::dashboardQuery, (t, p) -> readDashboardQuery(In.of(t, p)));
    define(HomePage.class, this::homePage, (t, p) -> readHomePage(In.of(t, p)));
    define(SalesDashboard.class, this::dashboard, (t, p) -> readDashboard(In.of(t, p)));
    define(AccountCardReport.class, this::cardReport, (t, p) -> readCardReport(In.of(t, p)));
    define(SnapshotDay.class, Documents::snapshotDay, (t, p) -> readSnapshotDay(In.of(t, p)));
    define(OpportunityDayState.class, Documents::dayState, (t, p) -> readDayState(In.of(t, p)));
    define(PipelineGrouping.class, Documents::grouping, (t, p) -> readGrouping(In.of(t, p)));
    define(PipelineGroup.class, Documents::pipelineGroup, (t, p) -> readPipelineGroup(In.of(t, p)));
    define(PipelineAsOf.class, Documents::pipelineAsOf, (t, p) -> readPipelineAsOf(In.of(t, p)));
    define(Movement.class, Documents::movement, (t, p) -> readMovement(In.of(t, p)));
    define(Waterfall.class, Documents::waterfall, (t, p) -> readWaterfall(In.of(t, p)));
    define(TrendPoint.class, Documents::trendPoint, (t, p) -> readTrendPoint(In.of(t, p)));
    define(CrmError.class, this::error, (t, p) -> readError(In.of(t, p)));
    writers.put(CrmException.class, (Writer<CrmException>) e -> error(CrmError.of(e)));
    define(Money.class, Out::money, (t, p) -> In.asMoney(p, t));
    define(LeadId.class, Object::toString, (t, p) -> LeadId.of(In.asUuid(p, t)));
    define(AccountId.class, Object::toString, (t, p) -> AccountId.of(In.asUuid(p, t)));
    define(ContactId.class, Object::toString, (t, p) -> ContactId.of(In.asUuid(p, t)));
    define(OpportunityId.class, Object::toString, (t, p) -> OpportunityId.of(In.asUuid(p, t)));
    define(ConversionId.class, Object::toString, (t, p) -> ConversionId.of(In.asUuid(p, t)));
    define(UserId.class, Object::toString, (t, p) -> In.build(p, () -> UserId.of(In.asString(p, t))));
    define(EmailAddress.class, Object::toString, (t, p) -> In.build(p, () -> EmailAddress.of(In.asString(p, t))));
    define(Probability.class, Probability::percent, (t, p) -> In.build(p, () -> Probability.of(In.asInt(p, t))));
    writers.put(CustomValue.class, (Writer<CustomValue>) Out::custom);
    writers.put(Page.class, (Writer<Page<?>>) this::page);
    commands.defineAll();
  }

  <T> void define(Class<T> type, Writer<T> writer, Reader<T> reader) {
    writers.put(type, writer);
    readers.put(type, reader);
  }

  /** @return the types this description writes (a subclass of one is written as it) */
  public List<Class<?>> writableTypes() {
    return List.copyOf(writers.keySet());
  }

  /** @return the types this description reads */
  public List<Class<?>> readableTypes() {
    return List.copyOf(readers.keySet());
  }

  /**
   * Writes a value as a tree.
   *
   * @param value the value, never null
   * @return its tree
   * @throws IllegalArgumentException if it is no crmkit document
   */
  @SuppressWarnings("unchecked")
  public Object write(Object value) {
    for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
      Writer<Object> w = (Writer<Object>) writers.get(c);
      if (w != null) {
        return w.write(value);
      }
      for (Class<?> i : c.getInterfaces()) {
        w = (Writer<Object>) writers.get(i);
        if (w != null) {
          return w.write(value);
        }
      }
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value;
    }
    throw new IllegalArgumentException("crmkit has no JSON document for " + value.getClass().getName());
  }

  /**
   * Reads a tree as a type.
   *
   * @param tree the tree
   * @param type the type, one of {@link #readableTypes()}
   * @param path the tree's path
   * @param <T> the type
   * @return the value
   * @throws InvalidJsonException if the tree is not that document
   */
  public <T> T read(Object tree, Class<T> type, String path) {
    Reader<?> r = readers.get(type);
    if (r == null) {
      throw new IllegalArgumentException("crmkit has no JSON document for " + type.getName());
    }
    if (tree == null) {
      throw In.error(path, "must be a " + type.getSimpleName() + " document, was null");
    }
    return type.cast(r.read(tree, path));
  }

  /**
   * Reads a page of a type.
   *
   * @param tree the tree
   * @param itemType the items' type, one of {@link #readableTypes()}
   * @param path the tree's path
   * @param <T> the item type
   * @return the page
   */
  public <T> Page<T> readPage(Object tree, Class<T> itemType, String path) {
    In in = In.of(tree, path);
    List<T> items = in.list("items", (t, p) -> read(t, itemType, p));
    int page = in.smallInteger("page");
    int size = in.smallInteger("size");
    long total = in.integer("total");
    Object rawHasNext = in.tree("hasNext");
    Boolean hasNext = rawHasNext == null ? null : In.asBoolean(in.at("hasNext"), rawHasNext);
    in.end();
    Page<T> result = in.build(() -> new Page<>(items, PageRequest.of(page, size), total));
    if (hasNext != null && hasNext != result.hasNext()) {
      throw In.error(in.at("hasNext"), "is " + hasNext + " but page " + page + " of size " + size + " with "
          + total + " in total " + (result.hasNext() ? "has" : "has no") + " next page; leave it out or correct it");
    }
    return result;
  }

  // --- values ---------------------------------------------------------------------------------------------------

  Map<String, Object> customFields(CustomFields fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.values().forEach((k, v) -> out.put(k, Out.custom(v)));
    return out;
  }

  Map<String, Object> customMap(Map<String, CustomValue> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, Out.custom(v)));
    return out;
  }

  /**
   * Reads custom field values, each typed by its definition in the schema.
   *
   * @param in the object holding them
   * @param name the property
   * @param type the record type they belong to
   * @return the values, or null when absent or null
   */
  Map<String, CustomValue> readCustomValues(In in, String name, RecordType type) {
    return in.optMap(name, (v, p) -> customValue(type, p.substring(p.lastIndexOf('.') + 1), v, p), false);
  }

  CustomFields readCustomFields(In in, RecordType type) {
    Map<String, CustomValue> values = readCustomValues(in, "customFields", type);
    return values == null ? CustomFields.empty() : in.build(() -> CustomFields.of(values));
  }

  CustomValue customValue(RecordType type, String key, Object v, String path) {
    CustomFieldDefinition d = schema.definition(type, key).orElseThrow(() -> In.error(path,
        "is not a custom field of " + type.label() + "; the custom fields of " + type.label() + " are "
            + schema.definitions(type).stream().map(CustomFieldDefinition::key).sorted().toList()));
    return typed(d.type(), v, path);
  }

  static CustomValue typed(FieldType type, Object v, String path) {
    return switch (type) {
      case TEXT -> In.build(path, () -> CustomValue.text(In.asString(path, v)));
      case PICKLIST -> In.build(path, () -> CustomValue.picklist(In.asString(path, v)));
      case NUMBER -> In.build(path, () -> CustomValue.number(In.asDecimal(path, v)));
      case MONEY -> CustomValue.money(In.asMoney(path, v));
      case DATE -> In.build(path, () -> CustomValue.date(In.asDate(path, v)));
      case BOOLEAN -> CustomValue.bool(In.asBoolean(path, v));
    };
  }

  /** A value of a conversion target's field: a standard field by its type, a custom one by its definition. */
  CustomValue fieldValue(ConversionTarget target, String field, Object v, String path) {
    FieldType standard = target.standardFieldType(field);
    if (standard != null) {
      return typed(standard, v, path);
    }
    if (ConversionTarget.isCustom(field)) {
      return customValue(target.recordType(), ConversionTarget.customKey(field), v, path);
    }
    throw In.error(path, "'" + field + "' is not a field of " + target.recordType().label() + "; its fields are "
        + target.standardFields() + " and customFields.<key>");
  }

  Map<String, CustomValue> readFieldValues(ConversionTarget target, Object tree, String path) {
    return In.asMap(path, tree, (v, p) -> fieldValue(target, p.substring(path.length() + 1), v, p), false);
  }

  static Map<String, String> readSegmentMap(In in) {
    return in.optMap("segments", (v, p) -> In.asString(p, v), false);
  }

  static Segments readSegments(In in) {
    Map<String, String> values = readSegmentMap(in);
    return values == null ? Segments.none() : in.build(() -> Segments.of(values));
  }

  static EmailAddress email(In in) {
    return in.optValue("email", EmailAddress::of);
  }

  static UserId user(In in, String name) {
    return in.value(name, UserId::of);
  }

  static UserId optUser(In in, String name) {
    return in.optValue(name, UserId::of);
  }

  // --- leads ----------------------------------------------------------------------------------------------------

  Map<String, Object> lead(LeadSnapshot s) {
    Out o = Out.object().put("id", s.id()).put("version", s.version()).put("owner", s.owner());
    leadDetails(o, s.details());
    o.put("status", s.status()).put("unqualifiedReason", s.unqualifiedReason())
        .put("customFields", customFields(s.customFields()));
    if (s.conversion() != null) {
      LeadConversionInfo c = s.conversion();
      o.put("conversion", Out.object().put("accountId", c.accountId()).put("contactId", c.contactId())
          .put("opportunityId", c.opportunityId()).put("convertedAt", c.convertedAt())
          .put("convertedBy", c.convertedBy()).tree());
    }
    return o.put("createdAt", s.createdAt()).put("updatedAt", s.updatedAt()).tree();
  }

  static Out leadDetails(Out o, LeadDetails d) {
    return o.put("firstName", d.firstName()).put("lastName", d.lastName()).put("company", d.company())
        .put("title", d.title()).put("email", d.email()).put("phone", d.phone()).put("website", d.website())
        .put("leadSource", d.leadSource()).put("industry", d.industry()).put("description", d.description());
  }

  static LeadDetails readLeadDetails(In in) {
    String firstName = in.optString("firstName");
    String lastName = in.optString("lastName");
    String company = in.optString("company");
    String title = in.optString("title");
    EmailAddress email = email(in);
    String phone = in.optString("phone");
    String website = in.optString("website");
    String leadSource = in.optString("leadSource");
    String industry = in.optString("industry");
    String description = in.optString("description");
    return in.build(() -> new LeadDetails(firstName, lastName, company, title, email, phone, website, leadSource,
        industry, description));
  }

  LeadSnapshot readLead(In in) {
    LeadId id = LeadId.of(in.uuid("id"));
    long version = in.integer("version");
    UserId owner = user(in, "owner");
    LeadDetails details = readLeadDetails(in);
    String status = in.string("status");
    String reason = in.optString("unqualifiedReason");
    CustomFields custom = readCustomFields(in, RecordType.LEAD);
    In c = in.optObject("conversion");
    LeadConversionInfo conversion = null;
    if (c != null) {
      AccountId accountId = Optional.ofNullable(c.optUuid("accountId")).map(AccountId::of).orElse(null);
      ContactId contactId = Optional.ofNullable(c.optUuid("contactId")).map(ContactId::of).orElse(null);
      OpportunityId opportunityId = Optional.ofNullable(c.optUuid("opportunityId")).map(OpportunityId::of)
          .orElse(null);
      var at = c.instant("convertedAt");
      UserId by = user(c, "convertedBy");
      c.end();
      conversion = c.build(() -> new LeadConversionInfo(accountId, contactId, opportunityId, at, by));
    }
    var createdAt = in.instant("createdAt");
    var updatedAt = in.instant("updatedAt");
    in.end();
    LeadConversionInfo info = conversion;
    return in.build(() -> new LeadSnapshot(id, version, owner, details, status, reason, custom, info, createdAt,
        updatedAt));
  }

  // --- accounts and contacts ------------------------------------------------------------------------------------

  Map<String, Object> account(AccountSnapshot s) {
    AccountDetails d = s.details();
    return Out.object().put("id", s.id()).put("version", s.version()).put("owner", s.owner())
        .put("name", d.name()).put("website", d.website()).put("industry", d.industry()).put("phone", d.phone())
        .put("email", d.email()).put("city", d.city()).put("country", d.country())
        .put("description", d.description()).put("segments", new LinkedHashMap<>(s.segments().values()))
        .put("customFields", customFields(s.customFields())).put("createdAt", s.createdAt())
        .put("updatedAt", s.updatedAt()).tree();
  }

  AccountSnapshot readAccount(In in) {
    AccountId id = AccountId.of(in.uuid("id"));
    long version = in.integer("version");
    UserId owner = user(in, "owner");
    String name = in.string("name");
    String website = in.optString("website");
    String industry = in.optString("industry");
    String phone = in.optString("phone");
    EmailAddress email = email(in);
    String city = in.optString("city");
    String country = in.optString("country");
    String description = in.optString("description");
    Segments segments = readSegments(in);
    CustomFields custom = readCustomFields(in, RecordType.ACCOUNT);
    var createdAt = in.instant("createdAt");
    var updatedAt = in.instant("updatedAt");
    in.end();
    return in.build(() -> new AccountSnapshot(id, version, owner,
        new AccountDetails(name, website, industry, phone, email, city, country, description), segments, custom,
        createdAt, updatedAt));
  }

  Map<String, Object> contact(ContactSnapshot s) {
    ContactDetails d = s.details();
    return Out.object().put("id", s.id()).put("version", s.version()).put("owner", s.owner())
        .put("accountId", s.accountId()).put("firstName", d.firstName()).put("lastName", d.lastName())
        .put("email", d.email()).put("phone", d.phone()).put("title", d.title())
        .put("description", d.description()).put("customFields", customFields(s.customFields()))
        .put("createdAt", s.createdAt()).put("updatedAt", s.updatedAt()).tree();
  }

  ContactSnapshot readContact(In in) {
    ContactId id = ContactId.of(in.uuid("id"));
    long version = in.integer("version");
    UserId owner = user(in, "owner");
    AccountId accountId = Optional.ofNullable(in.optUuid("accountId")).map(AccountId::of).orElse(null);
    String firstName = in.optString("firstName");
    String lastName = in.string("lastName");
    EmailAddress email = email(in);
    String phone = in.optString("phone");
    String title = in.optString("title");
    String description = in.optString("description");
    CustomFields custom = readCustomFields(in, RecordType.CONTACT);
    var createdAt = in.instant("createdAt");
    var updatedAt = in.instant("updatedAt");
    in.end();
    return in.build(() -> new ContactSnapshot(id, version, owner, accountId,
        new ContactDetails(firstName, lastName, email, phone, title, description), custom, createdAt, updatedAt));
  }

  // --- opportunities and history --------------------------------------------------------------------------------

  Map<String, Object> opportunity(OpportunitySnapshot s) {
    return Out.object().put("id", s.id()).put("version", s.version()).put("owner", s.owner())
        .put("name", s.name()).put("accountId", s.accountId()).put("contactId", s.contactId())
        .put("amount", s.amount()).put("probability", s.probability())
        .put("probabilityManual", s.probabilityManual()).put("stage", s.stage()).put("closeDate", s.closeDate())
        .put("lostReason", s.lostReason()).put("leadSource", s.leadSource()).put("nextStep", s.nextStep())
        .put("description", s.description()).put("segments", new LinkedHashMap<>(s.segments().values()))
        .put("customFields", customFields(s.customFields())).put("sourceLeadId", s.sourceLeadId())
        .put("createdAt", s.createdAt()).put("updatedAt", s.updatedAt()).tree();
  }

  OpportunitySnapshot readOpportunity(In in) {
    OpportunityId id = OpportunityId.of(in.uuid("id"));
    long version = in.integer("version");
    UserId owner = user(in, "owner");
    String name = in.string("name");
    AccountId accountId = Optional.ofNullable(in.optUuid("accountId")).map(AccountId::of).orElse(null);
    ContactId contactId = Optional.ofNullable(in.optUuid("contactId")).map(ContactId::of).orElse(null);
    Money amount = in.optMoney("amount");
    int percent = in.smallInteger("probability");
    boolean manual = in.bool("probabilityManual", false);
    String stage = in.string("stage");
    var closeDate = in.optDate("closeDate");
    String lostReason = in.optString("lostReason");
    String leadSource = in.optString("leadSource");
    String nextStep = in.optString("nextStep");
    String description = in.optString("description");
    Segments segments = readSegments(in);
    CustomFields custom = readCustomFields(in, RecordType.OPPORTUNITY);
    LeadId sourceLeadId = Optional.ofNullable(in.optUuid("sourceLeadId")).map(LeadId::of).orElse(null);
    var createdAt = in.instant("createdAt");
    var updatedAt = in.instant("updatedAt");
    in.end();
    return in.build(() -> new OpportunitySnapshot(id, version, owner, name, accountId, contactId, amount,
        Probability.of(percent), manual, stage, closeDate, lostReason, leadSource, nextStep, description, segments,
        custom, sourceLeadId, createdAt, updatedAt));
  }

  Map<String, Object> summary(OpportunitySummary s) {
    return Out.object().put("id", s.id()).put("name", s.name()).put("stage", s.stage()).put("amount", s.amount())
        .put("probability", s.probability()).put("closeDate", s.closeDate()).put("owner", s.owner())
        .put("accountId", s.accountId()).put("accountName", s.accountName()).tree();
  }

  OpportunitySummary readSummary(In in) {
    OpportunityId id = OpportunityId.of(in.uuid("id"));
    String name = in.string("name");
    String stage = in.string("stage");
    Money amount = in.optMoney("amount");
    int percent = in.smallInteger("probability");
    var closeDate = in.optDate("closeDate");
    UserId owner = user(in, "owner");
    AccountId accountId = Optional.ofNullable(in.optUuid("accountId")).map(AccountId::of).orElse(null);
    String accountName = in.optString("accountName");
    in.end();
    return in.build(() -> new OpportunitySummary(id, name, stage, amount, Probability.of(percent), closeDate, owner,
        accountId, accountName));
  }

  Map<String, Object> stageEntry(StageHistoryEntry e) {
    return Out.object().put("id", e.id()).put("opportunityId", e.opportunityId()).put("version", e.version())
        .put("kind", e.kind()).put("origin", e.origin()).put("stage", e.stage()).put("amount", e.amount())
        .put("probability", e.probability()).put("probabilityManual", e.probabilityManual())
        .put("closeDate", e.closeDate()).put("previousStage", e.previousStage())
        .put("previousAmount", e.previousAmount()).put("previousCloseDate", e.previousCloseDate())
        .put("changedAt", e.changedAt()).put("changedBy", e.changedBy()).tree();
  }

  StageHistoryEntry readStageEntry(In in) {
    var id = in.uuid("id");
    OpportunityId opportunityId = OpportunityId.of(in.uuid("opportunityId"));
    long version = in.integer("version");
    ChangeKind kind = in.constant("kind", ChangeKind.class);
    ChangeOrigin origin = in.constant("origin", ChangeOrigin.class);
    String stage = in.string("stage");
    Money amount = in.optMoney("amount");
    int percent = in.smallInteger("probability");
    boolean manual = in.bool("probabilityManual", false);
    var closeDate = in.optDate("closeDate");
    String previousStage = in.optString("previousStage");
    Money previousAmount = in.optMoney("previousAmount");
    var previousCloseDate = in.optDate("previousCloseDate");
    var changedAt = in.instant("changedAt");
    UserId changedBy = user(in, "changedBy");
    in.end();
    return in.build(() -> new StageHistoryEntry(id, opportunityId, version, kind, origin, stage, amount,
        Probability.of(percent), manual, closeDate, previousStage, previousAmount, previousCloseDate, changedAt,
        changedBy));
  }

  // --- forecasts and budgets ------------------------------------------------------------------------------------

  Object forecastLine(ForecastLine l) {
    return Out.object().put("month", l.month()).put("amount", l.amount()).put("note", l.note()).tree();
  }

  ForecastLine readForecastLine(Object tree, String path) {
    In in = In.of(tree, path);
    var month = in.month("month");
    Money amount = in.money("amount");
    String note = in.optString("note");
    in.end();
    return in.build(() -> new ForecastLine(month, amount, note));
  }

  Map<String, Object> forecast(BillingForecastSnapshot s) {
    return Out.object().put("opportunityId", s.opportunityId()).put("version", s.version())
        .list("lines", s.lines(), this::forecastLine).put("flaggedDifference", s.flaggedDifference())
        .put("updatedAt", s.updatedAt()).tree();
  }

  BillingForecastSnapshot readForecast(In in) {
    OpportunityId id = OpportunityId.of(in.uuid("opportunityId"));
    long version = in.integer("version");
    List<ForecastLine> lines = in.optList("lines", this::readForecastLine);
    Money flagged = in.optMoney("flaggedDifference");
    var updatedAt = in.instant("updatedAt");
    in.end();
    return in.build(() -> new BillingForecastSnapshot(id, version, lines, flagged, updatedAt));
  }

  Map<String, Object> forecastEntry(ForecastHistoryEntry e) {
    return Out.object().put("id", e.id()).put("opportunityId", e.opportunityId()).put("version", e.version())
        .put("cause", e.cause()).list("before", e.before(), this::forecastLine)
        .list("after", e.after(), this::forecastLine).put("flaggedDifference", e.flaggedDifference())
        .put("changedAt", e.changedAt()).put("changedBy", e.changedBy()).tree();
  }

  ForecastHistoryEntry readForecastEntry(In in) {
    var id = in.uuid("id");
    OpportunityId opportunityId = OpportunityId.of(in.uuid("opportunityId"));
    long version = in.integer("version");
    ForecastChangeCause cause = in.constant("cause", ForecastChangeCause.class);
    List<ForecastLine> before = in.optList("before", this::readForecastLine);
    List<ForecastLine> after = in.optList("after", this::readForecastLine);
    Money flagged = in.optMoney("flaggedDifference");
    var changedAt = in.instant("changedAt");
    UserId changedBy = user(in, "changedBy");
    in.end();
    return in.build(() -> new ForecastHistoryEntry(id, opportunityId, version, cause, before, after, flagged,
        changedAt, changedBy));
  }

  Object budgetLine(BudgetLine l) {
    return Out.object().put("month", l.month()).put("amount", l.amount()).tree();
  }

  BudgetLine readBudgetLine(Object tree, String path) {
    In in = In.of(tree, path);
    var month = in.month("month");
    Money amount = in.money("amount");
    in.end();
    return in.build(() -> new BudgetLine(month, amount));
  }

  Map<String, Object> budget(AccountBudgetSnapshot s) {
    return Out.object().put("accountId", s.accountId()).put("version", s.version())
        .list("months", s.months(), this::budgetLine).put("updatedAt", s.updatedAt()).tree();
  }

  AccountBudgetSnapshot readBudget(In in) {
    AccountId id = AccountId.of(in.uuid("accountId"));
    long version = in.integer("version");
    List<BudgetLine> months = in.optList("months", this::readBudgetLine);
    var updatedAt = in.instant("updatedAt");
    in.end();
    return in.build(() -> new AccountBudgetSnapshot(id, version, months, updatedAt));
  }

  Map<String, Object> monthFigures(MonthFigures m) {
    return Out.object().put("month", m.month()).put("budget", m.budget()).put("forecast", m.forecast())
        .put("weighted", m.weighted()).put("committed", m.committed()).put("won", m.won()).tree();
  }

  MonthFigures readMonthFigures(In in) {
    var month = in.month("month");
    Money budget = in.money("budget");
    Money forecast = in.money("forecast");
    Money weighted = in.money("weighted");
    Money committed = in.money("committed");
    Money won = in.money("won");
    in.end();
    return in.build(() -> new MonthFigures(month, budget, forecast, weighted, committed, won));
  }

  Map<String, Object> card(AccountCard c) {
    return Out.object().put("accountId", c.accountId()).put("currency", c.currency()).put("from", c.from())
        .put("to", c.to()).list("months", c.months(), this::monthFigures).tree();
  }

  AccountCard readCard(In in) {
    AccountId id = AccountId.of(in.uuid("accountId"));
    String currency = in.string("currency");
    var from = in.month("from");
    var to = in.month("to");
    List<MonthFigures> months = in.optList("months", (t, p) -> readMonthFigures(In.of(t, p)));
    in.end();
    return in.build(() -> new AccountCard(id, java.util.Currency.getInstance(currency), from, to, months));
  }

  // --- conversion -----------------------------------------------------------------------------------------------

  Object fieldFill(FieldFill f) {
    return Out.object().put("field", f.field()).put("before", f.before().map(Out::custom))
        .put("after", Out.custom(f.after())).tree();
  }

  FieldFill readFieldFill(ConversionTarget target, Object tree, String path) {
    In in = In.of(tree, path);
    String field = in.string("field");
    Object before = in.tree("before");
    Object after = in.tree("after");
    in.end();
    if (after == null) {
      throw In.error(in.at("after"), "is required");
    }
    Optional<CustomValue> b = before == null ? Optional.empty()
        : Optional.of(fieldValue(target, field, before, in.at("before")));
    CustomValue a = fieldValue(target, field, after, in.at("after"));
    return in.build(() -> new FieldFill(field, b, a));
  }

  Object targetResult(TargetResult r) {
    return Out.object().put("action", r.action()).put("disposition", r.disposition())
        .put("recordId", r.recordId().map(RecordId::value)).put("versionAfter", r.versionAfter())
        .list("fills", r.fills(), this::fieldFill).tree();
  }

  TargetResult readTargetResult(ConversionTarget target, Object tree, String path) {
    In in = In.of(tree, path);
    ConversionAction action = in.constant("action", ConversionAction.class);
    Disposition disposition = in.constant("disposition", Disposition.class);
    var recordId = in.optUuid("recordId");
    Long storedVersion = in.optInteger("versionAfter");
    long versionAfter = storedVersion == null ? 0 : storedVersion;
    List<FieldFill> fills = in.optList("fills", (t, p) -> readFieldFill(target, t, p));
    in.end();
    return in.build(() -> TargetResult.restore(target, action, disposition, recordId, versionAfter, fills));
  }

  Map<String, Object> conversionRecord(ConversionRecord r) {
    Map<String, Object> targets = new LinkedHashMap<>();
    r.targets().forEach((t, result) -> targets.put(t.path(), targetResult(result)));
    return Out.object().put("id", r.id()).put("version", r.version()).put("leadId", r.leadId())
        .put("policyId", r.policyId()).put("policyVersion", r.policyVersion()).put("targets", targets)
        .put("leadBefore", lead(r.leadBefore())).put("automatic", r.automatic()).put("ruleId", r.ruleId())
        .put("convertedBy", r.convertedBy()).put("convertedAt", r.convertedAt()).put("undoneBy", r.undoneBy())
        .put("undoneAt", r.undoneAt()).tree();
  }

  <V> Map<ConversionTarget, V> readTargets(In in, String name, boolean required, TargetReader<V> reader) {
    Object raw = required ? in.map(name, (v, p) -> v) : in.tree(name);
    return raw == null ? new EnumMap<>(ConversionTarget.class) : targetMap(raw, in.at(name), reader);
  }

  <V> Map<ConversionTarget, V> targetMap(Object raw, String path, TargetReader<V> reader) {
    Map<String, Object> values = In.asMap(path, raw, (v, p) -> v, false);
    Map<ConversionTarget, V> out = new EnumMap<>(ConversionTarget.class);
    values.forEach((k, v) -> {
      String p = path + "." + k;
      ConversionTarget target = null;
      for (ConversionTarget t : ConversionTarget.values()) {
        if (t.path().equals(k)) {
          target = t;
        }
      }
      if (target == null) {
        throw In.error(p, "is not a conversion target; the targets are account, contact and opportunity");
      }
      out.put(target, reader.read(target, v, p));
    });
    return out;
  }

  /** Reads the value for one conversion target. @param <V> what it reads */
  @FunctionalInterface
  interface TargetReader<V> {
    V read(ConversionTarget target, Object tree, String path);
  }

  ConversionRecord readConversionRecord(In in) {
    ConversionId id = ConversionId.of(in.uuid("id"));
    long version = in.integer("version");
    LeadId leadId = LeadId.of(in.uuid("leadId"));
    String policyId = in.string("policyId");
    int policyVersion = in.smallInteger("policyVersion");
    Map<ConversionTarget, TargetResult> targets = readTargets(in, "targets", true, this::readTargetResult);
    LeadSnapshot leadBefore = readLead(in.object("leadBefore"));
    boolean automatic = in.bool("automatic", false);
    String ruleId = in.optString("ruleId");
    UserId convertedBy = user(in, "convertedBy");
    var convertedAt = in.instant("convertedAt");
    UserId undoneBy = optUser(in, "undoneBy");
    var undoneAt = in.optInstant("undoneAt");
    in.end();
    return in.build(() -> new ConversionRecord(id, version, leadId, policyId, policyVersion, targets, leadBefore,
        automatic, ruleId, convertedBy, convertedAt, undoneBy, undoneAt));
  }

  Map<String, Object> candidate(DuplicateCandidate c) {
    return Out.object().put("target", c.target().path()).put("id", c.id().value()).put("label", c.label())
        .put("matchedOn", c.matchedOn()).put("similarity", Out.decimal(c.similarity())).tree();
  }

  DuplicateCandidate readCandidate(In in) {
    ConversionTarget target = readTarget(in, "target");
    var id = in.uuid("id");
    String label = in.string("label");
    List<String> matchedOn = in.list("matchedOn", (v, p) -> In.asString(p, v));
    double similarity = in.decimal("similarity").doubleValue();
    in.end();
    return in.build(() -> new DuplicateCandidate(target, target.recordId(id), label, matchedOn, similarity));
  }

  static ConversionTarget readTarget(In in, String name) {
    String s = in.string(name);
    for (ConversionTarget t : ConversionTarget.values()) {
      if (t.path().equals(s)) {
        return t;
      }
    }
    throw In.error(in.at(name), "'" + In.shortText(s) + "' is not a conversion target; the targets are account, "
        + "contact and opportunity");
  }

  Map<String, Object> problem(ConversionProblem p) {
    return Out.object().put("reason", p.reason()).put("field", p.field()).put("message", p.message())
        .list("candidates", p.candidates(), this::candidate).tree();
  }

  ConversionProblem readProblem(In in) {
    ConversionProblem.Reason reason = in.constant("reason", ConversionProblem.Reason.class);
    String field = in.string("field");
    String message = in.string("message");
    List<DuplicateCandidate> candidates = in.optList("candidates", (t, p) -> readCandidate(In.of(t, p)));
    in.end();
    return in.build(() -> new ConversionProblem(reason, field, message, candidates));
  }

  Map<String, Object> outcome(ConversionOutcome o) {
    if (o instanceof ConversionOutcome.Converted c) {
      return Out.object().put("outcome", "CONVERTED").put("leadId", c.leadId())
          .put("record", conversionRecord(c.record())).tree();
    }
    ConversionOutcome.Rejected r = (ConversionOutcome.Rejected) o;
    return Out.object().put("outcome", "REJECTED").put("leadId", r.leadId())
        .list("problems", r.problems(), this::problem).tree();
  }

  ConversionOutcome readOutcome(In in) {
    String outcome = in.string("outcome");
    LeadId leadId = LeadId.of(in.uuid("leadId"));
    ConversionOutcome result;
    if (outcome.equals("CONVERTED")) {
      ConversionRecord record = readConversionRecord(in.object("record"));
      in.end();
      result = in.build(() -> new ConversionOutcome.Converted(leadId, record));
    } else if (outcome.equals("REJECTED")) {
      List<ConversionProblem> problems = in.list("problems", (t, p) -> readProblem(In.of(t, p)));
      in.end();
      result = in.build(() -> new ConversionOutcome.Rejected(leadId, problems));
    } else {
      throw In.error(in.at("outcome"), "'" + In.shortText(outcome) + "' is not one of [CONVERTED, REJECTED]");
    }
    return result;
  }

  Map<String, Object> undo(UndoOutcome o) {
    if (o instanceof UndoOutcome.Undone u) {
      return Out.object().put("outcome", "UNDONE").put("leadId", u.leadId())
          .put("record", conversionRecord(u.record())).tree();
    }
    UndoOutcome.Refused r = (UndoOutcome.Refused) o;
    return Out.object().put("outcome", "REFUSED").put("leadId", r.leadId()).put("reasons", r.reasons()).tree();
  }

  UndoOutcome readUndo(In in) {
    String outcome = in.string("outcome");
    LeadId leadId = LeadId.of(in.uuid("leadId"));
    if (outcome.equals("UNDONE")) {
      ConversionRecord record = readConversionRecord(in.object("record"));
      in.end();
      return in.build(() -> new UndoOutcome.Undone(leadId, record));
    }
    if (outcome.equals("REFUSED")) {
      List<String> reasons = in.list("reasons", (v, p) -> In.asString(p, v));
      in.end();
      return in.build(() -> new UndoOutcome.Refused(leadId, reasons));
    }
    throw In.error(in.at("outcome"), "'" + In.shortText(outcome) + "' is not one of [UNDONE, REFUSED]");
  }

  static <T> T expect(Object value, Class<T> type, String path, String outcome) {
    if (!type.isInstance(value)) {
      throw In.error(path.isEmpty() ? "outcome" : path + ".outcome", "must be " + outcome + " for a "
          + type.getSimpleName());
    }
    return type.cast(value);
  }

  Map<String, Object> preview(ConversionPreview p) {
    Map<String, Object> targets = new LinkedHashMap<>();
    p.targets().forEach((t, plan) -> targets.put(t.path(), Out.object().put("action", plan.action())
        .put("disposition", plan.disposition()).put("existingId", plan.existingId().map(RecordId::value))
        .put("values", customMap(plan.values())).list("candidates", plan.candidates(), this::candidate).tree()));
    return Out.object().put("leadId", p.leadId()).put("policyId", p.policyId())
        .put("policyVersion", p.policyVersion()).put("targets", targets)
        .list("problems", p.problems(), this::problem).put("wouldConvert", p.wouldConvert()).tree();
  }

  ConversionPreview readPreview(In in) {
    LeadId leadId = LeadId.of(in.uuid("leadId"));
    String policyId = in.string("policyId");
    int policyVersion = in.smallInteger("policyVersion");
    Map<ConversionTarget, TargetPlan> targets = readTargets(in, "targets", false, (target, tree, path) -> {
      In t = In.of(tree, path);
      ConversionAction action = t.constant("action", ConversionAction.class);
      Disposition disposition = t.constant("disposition", Disposition.class);
      var existing = t.optUuid("existingId");
      Object rawValues = t.tree("values");
      Map<String, CustomValue> values = rawValues == null ? Map.of()
          : readFieldValues(target, rawValues, t.at("values"));
      List<DuplicateCandidate> candidates = t.optList("candidates", (x, p) -> readCandidate(In.of(x, p)));
      t.end();
      return t.build(() -> new TargetPlan(action, disposition, Optional.ofNullable(existing).map(target::recordId),
          values, candidates));
    });
    List<ConversionProblem> problems = in.optList("problems", (t, p) -> readProblem(In.of(t, p)));
    Object rawWould = in.tree("wouldConvert");
    Boolean wouldConvert = rawWould == null ? null : In.asBoolean(in.at("wouldConvert"), rawWould);
    in.end();
    ConversionPreview preview = in.build(() -> new ConversionPreview(leadId, policyId, policyVersion, targets,
        problems));
    if (wouldConvert != null && wouldConvert != preview.wouldConvert()) {
      throw In.error(in.at("wouldConvert"), "is " + wouldConvert + " but the preview "
          + (problems.isEmpty() ? "has no problems" : "has problems") + "; leave it out or correct it");
    }
    return preview;
  }

  Map<String, Object> bulk(BulkConversionResult result) {
    List<Object> items = new ArrayList<>();
    for (BulkConversionResult.Item item : result.items()) {
      items.add(Out.object().put("leadId", item.leadId()).put("outcome", item.outcome().map(this::outcome))
          .put("error", item.error().map(e -> error(CrmError.of(e))))
          .put("publicationFailure", item.publicationFailure().map(e -> error(CrmError.of(e)))).tree());
    }
    return Out.object().put("items", items).tree();
  }

  // --- reports ----------------------------------------------------------------------------------------------

  Map<String, Object> reportDefinition(ReportDefinition d) {
    return Out.object().put("source", d.source()).list("columns", d.columns(), c -> c)
        .list("filters", d.filters(), f -> Out.object().put("field", f.field()).put("operator", f.operator())
            .list("values", f.values(), v -> v).tree())
        .list("groups", d.groups(), g -> Out.object().put("field", g.field()).put("bucket", g.bucket()).tree())
        .list("aggregates", d.aggregates(), a -> Out.object().put("function", a.function())
            .put("field", a.field()).tree())
        .list("sorts", d.sorts(), o -> Out.object().put("column", o.column()).put("descending", o.descending())
            .tree())
        .put("limit", d.limit()).put("offset", d.offset()).put("reportingCurrency", d.reportingCurrency()).tree();
  }

  ReportDefinition readReportDefinition(In in) {
    ReportSource source = in.constant("source", ReportSource.class);
    List<String> columns = in.optList("columns", (t, p) -> In.asString(p, t));
    List<ReportFilter> filters = in.optList("filters", (t, p) -> {
      In f = In.of(t, p);
      String field = f.string("field");
      Operator operator = f.constant("operator", Operator.class);
      List<String> values = f.optList("values", (v, q) -> In.asString(q, v));
      f.end();
      return f.build(() -> new ReportFilter(field, operator, values));
    });
    List<ReportGroup> groups = in.optList("groups", (t, p) -> {
      In g = In.of(t, p);
      String field = g.string("field");
      DateBucket bucket = g.optConstant("bucket", DateBucket.class);
      g.end();
      return g.build(() -> new ReportGroup(field, bucket));
    });
    List<ReportAggregate> aggregates = in.optList("aggregates", (t, p) -> {
      In a = In.of(t, p);
      AggregateFunction function = a.constant("function", AggregateFunction.class);
      String field = a.optString("field");
      a.end();
      return a.build(() -> new ReportAggregate(function, field));
    });
    List<ReportSort> sorts = in.optList("sorts", (t, p) -> {
      In o = In.of(t, p);
      String column = o.string("column");
      boolean descending = o.bool("descending", false);
      o.end();
      return o.build(() -> new ReportSort(column, descending));
    });
    Integer limit = in.optSmallInteger("limit");
    Long offset = in.optInteger("offset");
    Currency currency = in.optValue("reportingCurrency", Currency::getInstance);
    in.end();
    return in.build(() -> new ReportDefinition(source, columns, filters, groups, aggregates, sorts,
        limit == null ? ReportDefinition.DEFAULT_LIMIT : limit, offset == null ? 0 : offset, currency));
  }

  Map<String, Object> reportResult(ReportResult r) {
    return Out.object().put("source", r.source()).put("asOf", r.asOf())
        .list("columns", r.columns(), c -> Out.object().put("name", c.name()).put("type", c.type()).tree())
        .list("rows", r.rows(), this::reportRow).list("subtotals", r.subtotals(), this::reportRow)
        .put("total", r.total() == null ? null : reportRow(r.total())).put("totalRows", r.totalRows())
        .list("rates", r.rates(), x -> Out.object().put("from", x.from()).put("to", x.to()).put("on", x.on())
            .put("rate", x.rate().toPlainString()).tree())
        .tree();
  }

  private Map<String, Object> reportRow(ReportRow row) {
    List<Object> cells = new ArrayList<>(row.cells().size());
    for (Object c : row.cells()) {
      cells.add(reportCell(c));
    }
    return Out.object().put("kind", row.kind()).put("level", row.level()).put("cells", cells).tree();
  }

  /** A cell: money as an array of money (one per currency), a decimal as a decimal string, null as null. */
  private static Object reportCell(Object c) {
    if (c == null) {
      return null;
    }
    if (c instanceof MoneySums m) {
      List<Object> amounts = new ArrayList<>();
      m.amounts().forEach(a -> amounts.add(Out.money(a)));
      return amounts;
    }
    if (c instanceof Money m) {
      return List.of(Out.money(m));
    }
    if (c instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return Out.simple(c);
  }

  ReportResult readReportResult(In in) {
    ReportSource source = in.constant("source", ReportSource.class);
    var asOf = in.date("asOf");
    List<ReportColumn> columns = in.optList("columns", (t, p) -> {
      In c = In.of(t, p);
      String name = c.string("name");
      ValueType type = c.constant("type", ValueType.class);
      c.end();
      return c.build(() -> new ReportColumn(name, type));
    });
    List<ReportRow> rows = in.optList("rows", (t, p) -> readReportRow(t, p, columns));
    List<ReportRow> subtotals = in.optList("subtotals", (t, p) -> readReportRow(t, p, columns));
    Object totalTree = in.tree("total");
    ReportRow total = totalTree == null ? null : readReportRow(totalTree, in.at("total"), columns);
    long totalRows = in.integer("totalRows");
    List<RateUsed> rates = in.optList("rates", (t, p) -> {
      In x = In.of(t, p);
      Currency from = x.value("from", Currency::getInstance);
      Currency to = x.value("to", Currency::getInstance);
      var on = x.date("on");
      BigDecimal rate = x.decimal("rate");
      x.end();
      return x.build(() -> new RateUsed(from, to, on, rate));
    });
    in.end();
    return in.build(() -> new ReportResult(source, asOf, columns, rows, subtotals, total, totalRows, rates));
  }

  private static ReportRow readReportRow(Object tree, String path, List<ReportColumn> columns) {
    In in = In.of(tree, path);
    ReportRow.Kind kind = in.constant("kind", ReportRow.Kind.class);
    int level = in.smallInteger("level");
    Object raw = in.tree("cells");
    String at = in.at("cells");
    if (!(raw instanceof List<?> list)) {
      throw In.error(at, "must be an array, was " + In.kind(raw));
    }
    if (list.size() != columns.size()) {
      throw In.error(at, "has " + list.size() + " cells; the result has " + columns.size() + " columns");
    }
    List<Object> cells = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      cells.add(readReportCell(list.get(i), at + "[" + i + "]", columns.get(i).type()));
    }
    in.end();
    return in.build(() -> new ReportRow(kind, level, cells));
  }

  /** A cell read by its column's type; null stays null (no value, or no row of that group). */
  private static Object readReportCell(Object v, String path, ValueType type) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case MONEY:
        return In.build(path, () -> new MoneySums(In.asList(path, v, (t, p) -> In.asMoney(p, t))));
      case INTEGER:
        return In.asLong(path, v);
      case DECIMAL:
        return In.asDecimal(path, v);
      case DATE:
        return In.asDate(path, v);
      case TIMESTAMP:
        return In.asInstant(path, v);
      case BOOLEAN:
        return In.asBoolean(path, v);
      default:
        return In.asString(path, v);
    }
  }

  // --- ready-made reports ---------------------------------------------------------------------------------------

  /** Sums per currency: an array of money, one per currency, by currency code. */
  static List<Object> moneySums(MoneySums m) {
    List<Object> amounts = new ArrayList<>();
    m.amounts().forEach(a -> amounts.add(Out.money(a)));
    return amounts;
  }

  static MoneySums readMoneySums(Object tree, String path) {
    return In.build(path, () -> new MoneySums(In.asList(path, tree, (t, p) -> In.asMoney(p, t))));
  }

  private static MoneySums moneySums(In in, String name) {
    return readMoneySums(in.tree(name) == null ? List.of() : in.tree(name), in.at(name));
  }

  private static String plain(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }

  private static BigDecimal optDecimal(In in, String name) {
    Object v = in.tree(name);
    return v == null ? null : In.asDecimal(in.at(name), v);
  }

  static Map<String, Object> winRate(WinRate w) {
    return Out.object().put("key", w.key()).put("won", w.won()).put("lost", w.lost()).put("rate", plain(w.rate()))
        .tree();
  }

  static WinRate readWinRate(In in) {
    String key = in.optString("key");
    long won = in.integer("won");
    long lost = in.integer("lost");
    BigDecimal rate = optDecimal(in, "rate");
    in.end();
    return in.build(() -> new WinRate(key, won, lost, rate));
  }

  static Map<String, Object> funnelStep(FunnelStep f) {
    return Out.object().put("stage", f.stage()).put("reached", f.reached()).put("rateToNext", plain(f.rateToNext()))
        .put("averageDaysInStage", plain(f.averageDaysInStage())).tree();
  }

  static FunnelStep readFunnelStep(In in) {
    String stage = in.string("stage");
    long reached = in.integer("reached");
    BigDecimal rateToNext = optDecimal(in, "rateToNext");
    BigDecimal days = optDecimal(in, "averageDaysInStage");
    in.end();
    return in.build(() -> new FunnelStep(stage, reached, rateToNext, days));
  }

  static Map<String, Object> forecastMonth(ForecastMonth f) {
    return Out.object().put("month", f.month()).put("total", moneySums(f.total()))
        .put("weighted", moneySums(f.weighted())).put("committed", moneySums(f.committed())).tree();
  }

  static ForecastMonth readForecastMonth(In in) {
    String month = in.string("month");
    MoneySums total = moneySums(in, "total");
    MoneySums weighted = moneySums(in, "weighted");
    MoneySums committed = moneySums(in, "committed");
    in.end();
    return in.build(() -> new ForecastMonth(month, total, weighted, committed));
  }

  static Map<String, Object> leadConversion(LeadSourceConversion c) {
    return Out.object().put("source", c.source()).put("leads", c.leads()).put("converted", c.converted())
        .put("rate", plain(c.rate())).tree();
  }

  static LeadSourceConversion readLeadConversion(In in) {
    String source = in.optString("source");
    long leads = in.integer("leads");
    long converted = in.integer("converted");
    BigDecimal rate = optDecimal(in, "rate");
    in.end();
    return in.build(() -> new LeadSourceConversion(source, leads, converted, rate));
  }

  static Map<String, Object> dashboardQuery(DashboardQuery q) {
    return Out.object().put("from", q.from()).put("to", q.to()).put("segmentDimension", q.segmentDimension())
        .tree();
  }

  static DashboardQuery readDashboardQuery(In in) {
    var from = in.date("from");
    var to = in.date("to");
    String segment = in.optString("segmentDimension");
    in.end();
    return in.build(() -> new DashboardQuery(from, to, segment));
  }

  private ReportResult result(In in, String name) {
    return readReportResult(in.object(name));
  }

  Map<String, Object> homePage(HomePage h) {
    return Out.object().put("asOf", h.asOf()).put("openOpportunities", reportResult(h.openOpportunities()))
        .put("pipelineByStage", reportResult(h.pipelineByStage()))
        .put("closingThisMonth", reportResult(h.closingThisMonth()))
        .put("leadsByStatus", reportResult(h.leadsByStatus())).put("overdue", reportResult(h.overdue())).tree();
  }

  HomePage readHomePage(In in) {
    var asOf = in.date("asOf");
    ReportResult open = result(in, "openOpportunities");
    ReportResult byStage = result(in, "pipelineByStage");
    ReportResult closing = result(in, "closingThisMonth");
    ReportResult leads = result(in, "leadsByStatus");
    ReportResult overdue = result(in, "overdue");
    in.end();
    return in.build(() -> new HomePage(asOf, open, byStage, closing, leads, overdue));
  }

  Map<String, Object> dashboard(SalesDashboard d) {
    return Out.object().put("query", dashboardQuery(d.query()))
        .put("pipelineByStage", reportResult(d.pipelineByStage()))
        .put("pipelineByOwner", reportResult(d.pipelineByOwner()))
        .list("winRateByOwner", d.winRateByOwner(), Documents::winRate)
        .list("winRateBySegment", d.winRateBySegment(), Documents::winRate)
        .list("winRateBySource", d.winRateBySource(), Documents::winRate)
        .put("averageDealSize", moneySums(d.averageDealSize()))
        .put("averageSalesCycleDays", plain(d.averageSalesCycleDays()))
        .list("funnel", d.funnel(), Documents::funnelStep)
        .list("forecastByMonth", d.forecastByMonth(), Documents::forecastMonth)
        .put("leadsBySourceAndStatus", reportResult(d.leadsBySourceAndStatus()))
        .list("leadConversionBySource", d.leadConversionBySource(), Documents::leadConversion).tree();
  }

  SalesDashboard readDashboard(In in) {
    DashboardQuery query = readDashboardQuery(in.object("query"));
    ReportResult byStage = result(in, "pipelineByStage");
    ReportResult byOwner = result(in, "pipelineByOwner");
    List<WinRate> byOwnerRates = in.optList("winRateByOwner", (t, p) -> readWinRate(In.of(t, p)));
    List<WinRate> bySegment = in.optList("winRateBySegment", (t, p) -> readWinRate(In.of(t, p)));
    List<WinRate> bySource = in.optList("winRateBySource", (t, p) -> readWinRate(In.of(t, p)));
    MoneySums averageDealSize = moneySums(in, "averageDealSize");
    BigDecimal cycle = optDecimal(in, "averageSalesCycleDays");
    List<FunnelStep> funnel = in.optList("funnel", (t, p) -> readFunnelStep(In.of(t, p)));
    List<ForecastMonth> forecast = in.optList("forecastByMonth", (t, p) -> readForecastMonth(In.of(t, p)));
    ReportResult leads = result(in, "leadsBySourceAndStatus");
    List<LeadSourceConversion> conversion =
        in.optList("leadConversionBySource", (t, p) -> readLeadConversion(In.of(t, p)));
    in.end();
    return in.build(() -> new SalesDashboard(query, byStage, byOwner, byOwnerRates, bySegment, bySource,
        averageDealSize, cycle, funnel, forecast, leads, conversion));
  }

  Map<String, Object> cardReport(AccountCardReport r) {
    return Out.object().put("card", card(r.card())).put("figures", reportResult(r.figures()))
        .put("opportunitiesByStage", reportResult(r.opportunitiesByStage())).tree();
  }

  AccountCardReport readCardReport(In in) {
    AccountCard card = readCard(in.object("card"));
    ReportResult figures = result(in, "figures");
    ReportResult byStage = result(in, "opportunitiesByStage");
    in.end();
    return in.build(() -> new AccountCardReport(card, figures, byStage));
  }

  // --- day-level BI ---------------------------------------------------------------------------------------------

  static Map<String, Object> snapshotDay(SnapshotDay d) {
    return Out.object().put("day", d.day()).put("takenAt", d.takenAt()).put("source", d.source())
        .put("opportunities", d.opportunities()).put("rowsStored", d.rowsStored()).tree();
  }

  static SnapshotDay readSnapshotDay(In in) {
    var day = in.date("day");
    var takenAt = in.instant("takenAt");
    SnapshotSource source = in.constant("source", SnapshotSource.class);
    long opportunities = in.integer("opportunities");
    long rowsStored = in.integer("rowsStored");
    in.end();
    return in.build(() -> new SnapshotDay(day, takenAt, source, opportunities, rowsStored));
  }

  static Map<String, Object> dayState(OpportunityDayState s) {
    return Out.object().put("opportunityId", s.opportunityId()).put("stage", s.stage())
        .put("stageKind", s.stageKind()).put("forecastCategory", s.forecastCategory()).put("amount", s.amount())
        .put("probability", s.probability()).put("weightedAmount", s.weightedAmount())
        .put("closeDate", s.closeDate()).put("owner", s.owner()).put("accountId", s.accountId())
        .put("segments", new LinkedHashMap<>(s.segments().values()))
        .put("billingForecastTotal", s.billingForecastTotal()).tree();
  }

  static OpportunityDayState readDayState(In in) {
    OpportunityId id = OpportunityId.of(in.uuid("opportunityId"));
    String stage = in.string("stage");
    StageKind kind = in.constant("stageKind", StageKind.class);
    ForecastCategory category = in.constant("forecastCategory", ForecastCategory.class);
    Money amount = in.optMoney("amount");
    int percent = in.smallInteger("probability");
    Money weighted = in.optMoney("weightedAmount");
    var closeDate = in.optDate("closeDate");
    UserId owner = user(in, "owner");
    AccountId accountId = Optional.ofNullable(in.optUuid("accountId")).map(AccountId::of).orElse(null);
    Segments segments = readSegments(in);
    Money billing = in.optMoney("billingForecastTotal");
    in.end();
    return in.build(() -> new OpportunityDayState(id, stage, kind, category, amount, Probability.of(percent),
        weighted, closeDate, owner, accountId, segments, billing));
  }

  static Map<String, Object> grouping(PipelineGrouping g) {
    return Out.object().put("dimension", g.dimension()).put("segmentDimension", g.segmentDimension()).tree();
  }

  static PipelineGrouping readGrouping(In in) {
    PipelineGrouping.Dimension dimension = in.constant("dimension", PipelineGrouping.Dimension.class);
    String segment = in.optString("segmentDimension");
    in.end();
    return in.build(() -> new PipelineGrouping(dimension, segment));
  }

  static Map<String, Object> pipelineGroup(PipelineGroup g) {
    return Out.object().put("key", g.key()).put("count", g.count()).put("amount", moneySums(g.amount()))
        .put("weighted", moneySums(g.weighted())).tree();
  }

  static PipelineGroup readPipelineGroup(In in) {
    String key = in.optString("key");
    long count = in.integer("count");
    MoneySums amount = moneySums(in, "amount");
    MoneySums weighted = moneySums(in, "weighted");
    in.end();
    return in.build(() -> new PipelineGroup(key, count, amount, weighted));
  }

  static Map<String, Object> pipelineAsOf(PipelineAsOf p) {
    return Out.object().put("day", p.day()).put("asOf", p.asOf()).put("grouping", grouping(p.grouping()))
        .list("groups", p.groups(), Documents::pipelineGroup).put("total", pipelineGroup(p.total())).tree();
  }

  static PipelineAsOf readPipelineAsOf(In in) {
    var day = in.date("day");
    var asOf = in.date("asOf");
    PipelineGrouping grouping = readGrouping(in.object("grouping"));
    List<PipelineGroup> groups = in.optList("groups", (t, p) -> readPipelineGroup(In.of(t, p)));
    PipelineGroup total = readPipelineGroup(in.object("total"));
    in.end();
    return in.build(() -> new PipelineAsOf(day, asOf, grouping, groups, total));
  }

  static Map<String, Object> movement(Movement m) {
    return Out.object().put("kind", m.kind()).put("count", m.count()).put("amount", moneySums(m.amount())).tree();
  }

  static Movement readMovement(In in) {
    MovementKind kind = in.constant("kind", MovementKind.class);
    long count = in.integer("count");
    MoneySums amount = moneySums(in, "amount");
    in.end();
    return in.build(() -> new Movement(kind, count, amount));
  }

  static Map<String, Object> waterfall(Waterfall w) {
    return Out.object().put("from", w.from()).put("to", w.to()).put("fromAsOf", w.fromAsOf())
        .put("toAsOf", w.toAsOf()).put("opening", pipelineGroup(w.opening()))
        .list("movements", w.movements(), Documents::movement).put("closing", pipelineGroup(w.closing())).tree();
  }

  /** A waterfall holds each movement kind once, in the enum's order, as the core makes it; anything else is refused. */
  static Waterfall readWaterfall(In in) {
    var from = in.date("from");
    var to = in.date("to");
    var fromAsOf = in.date("fromAsOf");
    var toAsOf = in.date("toAsOf");
    PipelineGroup opening = readPipelineGroup(in.object("opening"));
    List<Movement> movements = in.list("movements", (t, p) -> readMovement(In.of(t, p)));
    PipelineGroup closing = readPipelineGroup(in.object("closing"));
    in.end();
    List<MovementKind> kinds = movements.stream().map(Movement::kind).toList();
    if (!kinds.equals(List.of(MovementKind.values()))) {
      throw In.error(in.at("movements"), "must hold one movement of each kind, in this order: "
          + List.of(MovementKind.values()) + "; it holds " + kinds);
    }
    return in.build(() -> new Waterfall(from, to, fromAsOf, toAsOf, opening, movements, closing));
  }

  static Map<String, Object> trendPoint(TrendPoint t) {
    return Out.object().put("day", t.day()).put("count", t.count()).put("pipeline", moneySums(t.pipeline()))
        .put("weighted", moneySums(t.weighted())).tree();
  }

  static TrendPoint readTrendPoint(In in) {
    var day = in.date("day");
    long count = in.integer("count");
    MoneySums pipeline = moneySums(in, "pipeline");
    MoneySums weighted = moneySums(in, "weighted");
    in.end();
    return in.build(() -> new TrendPoint(day, count, pipeline, weighted));
  }

  // --- errors and pages -----------------------------------------------------------------------------------------

  Map<String, Object> error(CrmError e) {
    return Out.object().put("code", e.code()).put("message", e.message())
        .list("fieldErrors", e.fieldErrors(), f -> Out.object().put("field", f.field())
            .put("message", f.message()).tree())
        .put("recordType", e.recordType()).put("recordId", e.recordId()).tree();
  }

  CrmError readError(In in) {
    String code = in.string("code");
    String message = in.string("message");
    List<FieldError> fieldErrors = in.optList("fieldErrors", (t, p) -> {
      In f = In.of(t, p);
      String field = f.string("field");
      String m = f.string("message");
      f.end();
      return new FieldError(field, m);
    });
    RecordType recordType = in.optConstant("recordType", RecordType.class);
    String recordId = in.optString("recordId");
    in.end();
    return in.build(() -> new CrmError(code, message, fieldErrors, recordType, recordId));
  }

  Map<String, Object> page(Page<?> page) {
    return Out.object().list("items", page.items(), this::write).put("page", page.request().page())
        .put("size", page.request().size()).put("total", page.total()).put("hasNext", page.hasNext()).tree();
  }
}
