package org.crmkit.csv;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomValue;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Text;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.storage.CrmStorage;

/**
 * Imports a CSV file into crmkit through its use cases, as an actor within the actor's tenant: every row passes
 * the same validation, access policy and tenant rules as a call from a host (an account named in a row is looked
 * up among the accounts the actor may see in its tenant, so an import cannot link to another tenant's account by
 * name or by id).
 *
 * <p>The file streams: rows are parsed one at a time and written in batches of {@link CsvMapping#batchSize()} rows,
 * one unit of work per batch. If a batch fails, its rows are written again one per unit of work, so one bad row
 * does not lose the others; every rejected row is reported with its line, column and reason. Memory stays bounded
 * by the batch size (under {@link BadRowPolicy#ABORT} the whole file is one unit of work: the storage holds its
 * changes until the end).
 *
 * <p>With an external id column, a row whose id was imported before (same tenant, record type and source) updates
 * that record: its mapped, non-blank values replace the stored ones (a blank cell never clears a value).
 *
 * <p>Instances are immutable and thread-safe; one {@code run} reads one file.
 */
public final class CsvImporter {
  /** Rejections kept in an {@link ImportReport}; the listener receives all of them. */
  public static final int MAX_KEPT_REJECTIONS = 10_000;

  private static final int ACCOUNT_CACHE = 10_000;

  private final Crm crm;
  private final UnitOfWork unitOfWork;
  private final ExternalIdStore externalIds;
  private final ImportProgress progress;
  private final Consumer<RowRejection> rejectionListener;

  private CsvImporter(Crm crm, UnitOfWork unitOfWork, ExternalIdStore externalIds, ImportProgress progress,
      Consumer<RowRejection> rejectionListener) {
    this.crm = crm;
    this.unitOfWork = unitOfWork;
    this.externalIds = externalIds;
    this.progress = progress;
    this.rejectionListener = rejectionListener;
  }

  /**
   * @param crm the Crm the rows go through
   * @param storage the same storage the Crm was built on (its unit of work groups a batch's rows)
   * @param externalIds where external ids are remembered
   */
  public static CsvImporter over(Crm crm, CrmStorage storage, ExternalIdStore externalIds) {
    return new CsvImporter(Objects.requireNonNull(crm, "crm"), Objects.requireNonNull(storage, "storage").unitOfWork(),
        Objects.requireNonNull(externalIds, "externalIds"), ImportProgress.none(), r -> { });
  }

  /** @return a copy that reports progress to {@code value} */
  public CsvImporter withProgress(ImportProgress value) {
    return new CsvImporter(crm, unitOfWork, externalIds, Objects.requireNonNull(value, "progress"),
        rejectionListener);
  }

  /** @return a copy that hands every rejection to {@code listener} as it happens */
  public CsvImporter withRejectionListener(Consumer<RowRejection> listener) {
    return new CsvImporter(crm, unitOfWork, externalIds, progress, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Imports {@code csv} (read to its end, not closed).
   *
   * @return the counts and rejections
   * @throws CsvMappingException when the file's header lacks a mapped column (nothing is written)
   * @throws CsvImportException when the file cannot be read to its end (malformed quoting, bytes not in the
   *     encoding); committed batches stay written and the exception's report says how far it got
   */
  public ImportReport run(Actor actor, CsvMapping mapping, InputStream csv) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(csv, "csv");
    return new Run(actor, mapping, new CountingStream(csv)).execute();
  }

  /** A problem with one row, thrown while it is read or written. */
  private static final class RowProblem extends CrmException {
    private static final long serialVersionUID = 1L;
    private final String column;

    RowProblem(String column, String reason) {
      super(reason);
      this.column = column;
    }
  }

  /** Aborts an import under {@link BadRowPolicy#ABORT} (rolls back the unit of work). */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  private enum Kind { CREATED, UPDATED }

  /** A parsed row: text values by target field, plus the typed ones. */
  private record Row(long line, String externalId, Map<String, String> text, UserId owner, Money amount,
      Integer probability, LocalDate closeDate, Map<String, String> segments, Map<String, CustomValue> custom) {
    String get(String field) {
      return text.get(field);
    }
  }

  private final class Run {
    private final Actor actor;
    private final CsvMapping m;
    private final CountingStream bytes;
    private final DateTimeFormatter dates;
    private final List<RowRejection> kept = new ArrayList<>();
    private final Map<String, AccountId> accountsByName = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, AccountId> eldest) {
        return size() > ACCOUNT_CACHE;
      }
    };
    /** External ids written in the current unit of work, not yet in the store. */
    private final Map<String, String> pendingIds = new HashMap<>();
    private Map<String, Integer> header = Map.of();
    private long read;
    private long imported;
    private long updated;
    private long rejected;

    Run(Actor actor, CsvMapping mapping, CountingStream bytes) {
      this.actor = actor;
      this.m = mapping;
      this.bytes = bytes;
      this.dates = DateTimeFormatter.ofPattern(mapping.dateFormat(), Locale.ROOT);
    }

    ImportReport execute() {
      Reader reader = reader();
      CSVParser parser;
      try {
        parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setDelimiter(m.delimiter()).setHeader()
            .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL).get());
      } catch (IOException | UncheckedIOException e) {
        throw failure("the CSV header cannot be read", e);
      } catch (IllegalArgumentException e) {
        throw new CsvMappingException("the CSV header is not usable: " + e.getMessage(), e);
      }
      readHeader(parser.getHeaderNames());
      try {
        if (m.onBadRow() == BadRowPolicy.ABORT) {
          return abortAll(parser);
        }
        return skipBad(parser);
      } catch (UncheckedIOException e) {
        throw failure("the CSV file cannot be read past line " + (parser.getCurrentLineNumber() + 1), e);
      }
    }

    private CsvImportException failure(String what, Exception e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      String why = cause instanceof CharacterCodingException
          ? "it holds bytes that are not " + m.encoding() + " text; set \"encoding\" in the mapping (e.g. windows-1252)"
          : String.valueOf(cause.getMessage());
      return new CsvImportException(what + ": " + why + " (" + report(false, 0).summary() + ")", report(false, 0),
          e);
    }

    private Reader reader() {
      BufferedReader r = new BufferedReader(new InputStreamReader(bytes, m.charset().newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
      try {
        r.mark(1);
        if (r.read() != '\uFEFF') {
          r.reset();
        }
      } catch (IOException e) {
        throw failure("the CSV file cannot be read", e);
      }
      return r;
    }

    private void readHeader(List<String> names) {
      Map<String, Integer> h = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        h.putIfAbsent(names.get(i).strip(), i);
      }
      List<String> missing = new ArrayList<>();
      m.columns().forEach((field, column) -> {
        if (!h.containsKey(column.strip())) {
          missing.add("'" + column + "' (for " + field + ")");
        }
      });
      if (m.externalIdColumn() != null && !h.containsKey(m.externalIdColumn().strip())) {
        missing.add("'" + m.externalIdColumn() + "' (the external id)");
      }
      if (!missing.isEmpty()) {
        throw new CsvMappingException("the CSV file has no column " + String.join(", ", missing)
            + "; its header is: " + String.join(", ", names));
      }
      this.header = h;
    }

    private ImportReport skipBad(CSVParser parser) {
      List<Row> batch = new ArrayList<>(m.batchSize());
      long lastLine = parser.getCurrentLineNumber();
      for (CSVRecord record : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        read++;
        try {
          batch.add(parse(record, line));
        } catch (RowProblem p) {
          reject(line, p.column, p.getMessage());
        }
        if (batch.size() >= m.batchSize()) {
          flush(batch);
          batch.clear();
          progress.progress(read, bytes.count, report(false, 0));
        }
      }
      flush(batch);
      ImportReport done = report(false, 0);
      progress.progress(read, bytes.count, done);
      return done;
    }

    private ImportReport abortAll(CSVParser parser) {
      long[] lastLine = {parser.getCurrentLineNumber()};
      long[] counts = new long[2];
      try {
        unitOfWork.execute(actor.tenant(), () -> {
          for (CSVRecord record : parser) {
            long line = lastLine[0] + 1;
            lastLine[0] = parser.getCurrentLineNumber();
            read++;
            Row row;
            try {
              row = parse(record, line);
            } catch (RowProblem p) {
              reject(line, p.column, p.getMessage());
              throw new Abort();
            }
            Kind k = writeOrReject(row);
            if (k == null) {
              throw new Abort();
            }
            counts[k.ordinal()]++;
            if (read % m.batchSize() == 0) {
              progress.progress(read, bytes.count, report(false, 0));
            }
          }
          rememberAfterCommit();
          return null;
        });
      } catch (Abort a) {
        pendingIds.clear();
        ImportReport r = report(true, read - rejected);
        progress.progress(read, bytes.count, r);
        return r;
      }
      imported = counts[0];
      updated = counts[1];
      ImportReport done = report(false, 0);
      progress.progress(read, bytes.count, done);
      return done;
    }

    /** Writes a row inside the current unit of work, or reports it and returns null. */
    private Kind writeOrReject(Row row) {
      try {
        return write(row);
      } catch (RuntimeException e) {
        reject(row, e);
        return null;
      }
    }

    private void flush(List<Row> batch) {
      if (batch.isEmpty()) {
        return;
      }
      List<Kind> kinds = new ArrayList<>(batch.size());
      try {
        unitOfWork.execute(actor.tenant(), () -> {
          for (Row row : batch) {
            kinds.add(write(row));
          }
          rememberAfterCommit();
          return null;
        });
        count(kinds);
        return;
      } catch (RuntimeException batchFailed) {
        pendingIds.clear();
        if (batch.size() == 1) {
          reject(batch.get(0), batchFailed);
          return;
        }
      }
      for (Row row : batch) {
        try {
          Kind k = unitOfWork.execute(actor.tenant(), () -> {
            Kind written = write(row);
            rememberAfterCommit();
            return written;
          });
          count(List.of(k));
        } catch (RuntimeException e) {
          pendingIds.clear();
          reject(row, e);
        }
      }
    }

    private void rememberAfterCommit() {
      if (pendingIds.isEmpty()) {
        return;
      }
      List<ExternalIdStore.Entry> entries = new ArrayList<>(pendingIds.size());
      pendingIds.forEach((ext, id) -> entries.add(
          new ExternalIdStore.Entry(actor.tenant(), m.target(), m.source(), ext, id)));
      pendingIds.clear();
      unitOfWork.afterCommit(() -> externalIds.putAll(entries));
    }

    private void count(List<Kind> kinds) {
      for (Kind k : kinds) {
        if (k == Kind.CREATED) {
          imported++;
        } else {
          updated++;
        }
      }
    }

    private void reject(Row row, RuntimeException e) {
      if (e instanceof RowProblem p) {
        reject(row.line(), p.column, p.getMessage());
      } else if (e instanceof ValidationException v && !v.errors().isEmpty()) {
        List<String> reasons = new ArrayList<>();
        for (FieldError fe : v.errors()) {
          reasons.add(fe.field() + ": " + fe.message());
        }
        reject(row.line(), columnOf(v.errors().get(0).field()), String.join("; ", reasons));
      } else if (e instanceof CrmException || e instanceof IllegalArgumentException) {
        reject(row.line(), "", e.getMessage());
      } else {
        throw e;
      }
    }

    private String columnOf(String field) {
      String f = field.startsWith("segments.") ? "segment." + field.substring(9) : field;
      f = f.startsWith("customFields.") ? "custom." + f.substring(13) : f;
      f = f.equals("accountId") ? (m.columns().containsKey("account") ? "account" : "account.externalId") : f;
      return m.column(f).orElse("");
    }

    private void reject(long line, String column, String reason) {
      rejected++;
      RowRejection r = new RowRejection(line, column, reason);
      if (kept.size() < MAX_KEPT_REJECTIONS) {
        kept.add(r);
      }
      rejectionListener.accept(r);
    }

    private ImportReport report(boolean aborted, long notWritten) {
      return aborted
          ? new ImportReport(read, 0, 0, rejected, notWritten, true, kept)
          : new ImportReport(read, imported, updated, rejected, 0, false, kept);
    }

    // ---- reading a row -------------------------------------------------------------------------------------

    private Row parse(CSVRecord record, long line) {
      if (record.size() != header.size()) {
        throw new RowProblem("", "the row has " + record.size() + " fields, the header has " + header.size());
      }
      String ext = null;
      if (m.externalIdColumn() != null) {
        ext = cell(record, m.externalIdColumn());
        if (ext == null) {
          throw new RowProblem(m.externalIdColumn(), "the external id is blank");
        }
        if (ext.length() > JdbcExternalIdStore.MAX_ID) {
          throw new RowProblem(m.externalIdColumn(), "the external id is longer than " + JdbcExternalIdStore.MAX_ID
              + " characters");
        }
      }
      Map<String, String> text = new HashMap<>();
      Map<String, String> segments = new LinkedHashMap<>();
      Map<String, String> customText = new LinkedHashMap<>();
      for (String field : fields()) {
        String value = value(record, field);
        if (value == null) {
          continue;
        }
        if (field.startsWith("segment.")) {
          segments.put(field.substring(8), value);
        } else if (field.startsWith("custom.")) {
          customText.put(field.substring(7), value);
        } else {
          text.put(field, value);
        }
      }
      UserId owner = null;
      if (text.containsKey("owner")) {
        try {
          owner = UserId.of(text.get("owner"));
        } catch (IllegalArgumentException e) {
          throw new RowProblem(columnName("owner"), e.getMessage());
        }
      }
      Money amount = null;
      if (text.containsKey("amount")) {
        BigDecimal a = number("amount", text.get("amount"));
        String currency = text.get("currency");
        if (currency == null) {
          throw new RowProblem(columnName("amount"),
              "an amount needs a currency: map a currency column or give defaults.currency");
        }
        try {
          amount = Money.of(a, currency.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new RowProblem(columnName("currency"), e.getMessage());
        }
      }
      Integer probability = null;
      if (text.containsKey("probability")) {
        BigDecimal p = number("probability", text.get("probability"));
        try {
          probability = p.intValueExact();
        } catch (ArithmeticException e) {
          throw new RowProblem(columnName("probability"), "a probability must be a whole number 0 to 100, was "
              + text.get("probability"));
        }
      }
      LocalDate closeDate = null;
      if (text.containsKey("closeDate")) {
        try {
          closeDate = LocalDate.parse(text.get("closeDate"), dates);
        } catch (DateTimeParseException e) {
          throw new RowProblem(columnName("closeDate"), "'" + text.get("closeDate") + "' is not a date in the format "
              + m.dateFormat());
        }
      }
      if (text.containsKey("stage")) {
        String stage = text.get("stage");
        if (crm.pipeline().findStage(stage).isEmpty()) {
          throw new RowProblem(columnName("stage"), "'" + stage + "' is not a stage of the pipeline (stages: "
              + crm.pipeline().stages().stream().map(SalesStage::key).toList()
              + "); map it under values.stage");
        }
      }
      Map<String, CustomValue> custom = new LinkedHashMap<>();
      RecordType type = recordType();
      customText.forEach((key, value) -> {
        CustomFieldDefinition d = crm.customFields().definition(type, key).orElseThrow(() -> new RowProblem(
            columnName("custom." + key), "there is no custom field '" + key + "' on " + type
            + "; define it in the Crm's CustomFieldSchema"));
        try {
          custom.put(key, CustomValue.parse(d.type(), value));
        } catch (RuntimeException e) {
          throw new RowProblem(columnName("custom." + key), e.getMessage());
        }
      });
      return new Row(line, ext, text, owner, amount, probability, closeDate, segments, custom);
    }

    private java.util.Set<String> fields() {
      java.util.Set<String> f = new java.util.LinkedHashSet<>(m.columns().keySet());
      f.addAll(m.defaults().keySet());
      return f;
    }

    private String columnName(String field) {
      return m.column(field).orElse("");
    }

    private String cell(CSVRecord record, String column) {
      Integer index = header.get(column.strip());
      if (index == null || index >= record.size()) {
        return null;
      }
      String v = record.get(index).strip();
      return v.isEmpty() || m.blanks().contains(CsvMapping.fold(v)) ? null : v;
    }

    private String value(CSVRecord record, String field) {
      String v = m.column(field).map(c -> cell(record, c)).orElse(null);
      if (v != null) {
        Map<String, String> map = m.values().get(field);
        if (map != null) {
          String mapped = map.get(CsvMapping.fold(v));
          if (mapped != null) {
            v = mapped.isBlank() ? null : mapped;
          }
        }
      }
      if (v == null) {
        String d = m.defaults().get(field);
        v = d == null || d.isBlank() ? null : d;
      }
      if (v != null) {
        String problem = Text.invalidCharacter(v, false);
        if (problem != null && !field.equals("description")) {
          throw new RowProblem(columnName(field), "the value " + problem);
        }
      }
      return v;
    }

    private BigDecimal number(String field, String value) {
      String t = value;
      if (!m.groupingSeparator().isEmpty()) {
        t = t.replace(m.groupingSeparator(), "");
      }
      if (m.decimalSeparator() == ',') {
        t = t.replace(',', '.');
      }
      try {
        return new BigDecimal(t);
      } catch (NumberFormatException e) {
        throw new RowProblem(columnName(field), "'" + value + "' is not a number (decimal separator '"
            + m.decimalSeparator() + "'" + (m.groupingSeparator().isEmpty() ? "" : ", grouping '"
            + m.groupingSeparator() + "'") + ")");
      }
    }

    private RecordType recordType() {
      return switch (m.target()) {
        case LEADS -> RecordType.LEAD;
        case ACCOUNTS -> RecordType.ACCOUNT;
        case CONTACTS -> RecordType.CONTACT;
        case OPPORTUNITIES -> RecordType.OPPORTUNITY;
      };
    }

    // ---- writing a row (inside a unit of work) -------------------------------------------------------------

    private Kind write(Row row) {
      Optional<UUID> existing = existing(row);
      String id;
      Kind kind;
      switch (m.target()) {
        case LEADS -> {
          if (existing.isPresent() && crm.leads().find(actor, LeadId.of(existing.get())).isPresent()) {
            id = updateLead(LeadId.of(existing.get()), row);
            kind = Kind.UPDATED;
          } else {
            id = crm.leads().create(actor, createLead(row)).id().value().toString();
            kind = Kind.CREATED;
          }
        }
        case ACCOUNTS -> {
          if (existing.isPresent() && crm.accounts().find(actor, AccountId.of(existing.get())).isPresent()) {
            id = updateAccount(AccountId.of(existing.get()), row);
            kind = Kind.UPDATED;
          } else {
            id = crm.accounts().create(actor, createAccount(row)).id().value().toString();
            kind = Kind.CREATED;
          }
        }
        case CONTACTS -> {
          if (existing.isPresent() && crm.contacts().find(actor, ContactId.of(existing.get())).isPresent()) {
            id = updateContact(ContactId.of(existing.get()), row);
            kind = Kind.UPDATED;
          } else {
            id = crm.contacts().create(actor, createContact(row)).id().value().toString();
            kind = Kind.CREATED;
          }
        }
        case OPPORTUNITIES -> {
          if (existing.isPresent() && crm.opportunities().find(actor, OpportunityId.of(existing.get())).isPresent()) {
            id = updateOpportunity(OpportunityId.of(existing.get()), row);
            kind = Kind.UPDATED;
          } else {
            id = crm.opportunities().create(actor, createOpportunity(row)).id().value().toString();
            kind = Kind.CREATED;
          }
        }
        default -> throw new IllegalStateException(m.target().name());
      }
      if (row.externalId() != null) {
        pendingIds.put(row.externalId(), id);
      }
      return kind;
    }

    private Optional<UUID> existing(Row row) {
      if (row.externalId() == null) {
        return Optional.empty();
      }
      String pending = pendingIds.get(row.externalId());
      Optional<String> id = pending != null ? Optional.of(pending)
          : externalIds.find(actor.tenant(), m.target(), m.source(), row.externalId());
      return id.map(UUID::fromString);
    }

    private AccountId account(Row row) {
      String ext = row.get("account.externalId");
      if (ext != null) {
        Optional<AccountId> id = externalIds.find(actor.tenant(), ImportTarget.ACCOUNTS, m.accountSource(), ext)
            .map(UUID::fromString).map(AccountId::of);
        if (id.isEmpty() || crm.accounts().find(actor, id.get()).isEmpty()) {
          throw new RowProblem(columnName("account.externalId"), "no account with external id '" + ext
              + "' (source " + m.accountSource() + ") that you may see: import the accounts first");
        }
        return id.get();
      }
      String name = row.get("account");
      if (name == null) {
        return null;
      }
      String key = Text.fold(name);
      AccountId cached = accountsByName.get(key);
      if (cached != null) {
        return cached;
      }
      List<Account> found = new ArrayList<>();
      for (Account a : crm.accounts().list(actor, AccountQuery.all().withNameContaining(name),
          PageRequest.first(PageRequest.MAX_SIZE)).items()) {
        if (Text.fold(a.name()).equals(key)) {
          found.add(a);
        }
      }
      if (found.isEmpty()) {
        throw new RowProblem(columnName("account"), "no account named '" + name
            + "' that you may see: import the accounts first, or leave the cell blank for no account");
      }
      if (found.size() > 1) {
        throw new RowProblem(columnName("account"), found.size() + " accounts are named '" + name
            + "': link by account.externalId instead");
      }
      accountsByName.put(key, found.get(0).id());
      return found.get(0).id();
    }

    private CreateLead createLead(Row r) {
      return CreateLead.of(r.get("firstName"), r.get("lastName"), r.get("company"), r.get("email"))
          .owner(r.owner()).title(r.get("title")).phone(r.get("phone")).website(r.get("website"))
          .leadSource(r.get("leadSource")).industry(r.get("industry")).description(r.get("description"))
          .status(r.get("status")).customFields(r.custom());
    }

    private String updateLead(LeadId id, Row r) {
      UpdateLead u = UpdateLead.of(id, crm.leads().get(actor, id).version());
      u = r.owner() == null ? u : u.owner(r.owner());
      u = r.get("firstName") == null ? u : u.firstName(r.get("firstName"));
      u = r.get("lastName") == null ? u : u.lastName(r.get("lastName"));
      u = r.get("company") == null ? u : u.company(r.get("company"));
      u = r.get("title") == null ? u : u.title(r.get("title"));
      u = r.get("email") == null ? u : u.email(r.get("email"));
      u = r.get("phone") == null ? u : u.phone(r.get("phone"));
      u = r.get("website") == null ? u : u.website(r.get("website"));
      u = r.get("leadSource") == null ? u : u.leadSource(r.get("leadSource"));
      u = r.get("industry") == null ? u : u.industry(r.get("industry"));
      u = r.get("description") == null ? u : u.description(r.get("description"));
      u = r.custom().isEmpty() ? u : u.customFields(r.custom());
      org.crmkit.lead.Lead lead = crm.leads().update(actor, u);
      String status = r.get("status");
      if (status != null && !status.equals(lead.status())) {
        lead = crm.leads().changeStatus(actor,
            org.crmkit.application.ChangeLeadStatus.of(id, lead.version(), status));
      }
      return lead.id().value().toString();
    }

    private CreateAccount createAccount(Row r) {
      return CreateAccount.named(r.get("name")).owner(r.owner()).website(r.get("website"))
          .industry(r.get("industry")).phone(r.get("phone")).email(r.get("email")).city(r.get("city"))
          .country(r.get("country")).description(r.get("description")).segments(r.segments())
          .customFields(r.custom());
    }

    private String updateAccount(AccountId id, Row r) {
      UpdateAccount u = UpdateAccount.of(id, crm.accounts().get(actor, id).version());
      u = r.owner() == null ? u : u.owner(r.owner());
      u = r.get("name") == null ? u : u.name(r.get("name"));
      u = r.get("website") == null ? u : u.website(r.get("website"));
      u = r.get("industry") == null ? u : u.industry(r.get("industry"));
      u = r.get("phone") == null ? u : u.phone(r.get("phone"));
      u = r.get("email") == null ? u : u.email(r.get("email"));
      u = r.get("city") == null ? u : u.city(r.get("city"));
      u = r.get("country") == null ? u : u.country(r.get("country"));
      u = r.get("description") == null ? u : u.description(r.get("description"));
      u = r.segments().isEmpty() ? u : u.segments(r.segments());
      u = r.custom().isEmpty() ? u : u.customFields(r.custom());
      return crm.accounts().update(actor, u).id().value().toString();
    }

    private CreateContact createContact(Row r) {
      return CreateContact.of(account(r), r.get("firstName"), r.get("lastName"), r.get("email")).owner(r.owner())
          .phone(r.get("phone")).title(r.get("title")).description(r.get("description")).customFields(r.custom());
    }

    private String updateContact(ContactId id, Row r) {
      UpdateContact u = UpdateContact.of(id, crm.contacts().get(actor, id).version());
      AccountId account = account(r);
      u = account == null ? u : u.accountId(account);
      u = r.owner() == null ? u : u.owner(r.owner());
      u = r.get("firstName") == null ? u : u.firstName(r.get("firstName"));
      u = r.get("lastName") == null ? u : u.lastName(r.get("lastName"));
      u = r.get("email") == null ? u : u.email(r.get("email"));
      u = r.get("phone") == null ? u : u.phone(r.get("phone"));
      u = r.get("title") == null ? u : u.title(r.get("title"));
      u = r.get("description") == null ? u : u.description(r.get("description"));
      u = r.custom().isEmpty() ? u : u.customFields(r.custom());
      return crm.contacts().update(actor, u).id().value().toString();
    }

    private CreateOpportunity createOpportunity(Row r) {
      return CreateOpportunity.named(r.get("name")).owner(r.owner()).accountId(account(r)).amount(r.amount())
          .probability(r.probability()).stage(r.get("stage")).closeDate(r.closeDate())
          .leadSource(r.get("leadSource")).nextStep(r.get("nextStep")).description(r.get("description"))
          .segments(r.segments()).customFields(r.custom());
    }

    private String updateOpportunity(OpportunityId id, Row r) {
      Opportunity current = crm.opportunities().get(actor, id);
      UpdateOpportunity u = UpdateOpportunity.of(id, current.version());
      AccountId account = account(r);
      u = account == null ? u : u.accountId(account);
      u = r.owner() == null ? u : u.owner(r.owner());
      u = r.get("name") == null ? u : u.name(r.get("name"));
      u = r.amount() == null ? u : u.amount(r.amount());
      u = r.closeDate() == null ? u : u.closeDate(r.closeDate());
      u = r.get("leadSource") == null ? u : u.leadSource(r.get("leadSource"));
      u = r.get("nextStep") == null ? u : u.nextStep(r.get("nextStep"));
      u = r.get("description") == null ? u : u.description(r.get("description"));
      u = r.segments().isEmpty() ? u : u.segments(r.segments());
      u = r.custom().isEmpty() ? u : u.customFields(r.custom());
      Opportunity o = crm.opportunities().update(actor, u);
      String stage = r.get("stage");
      if (stage != null && !stage.equals(o.stage())) {
        SalesStage to = crm.pipeline().stage(stage);
        SalesStage from = crm.pipeline().stage(o.stage());
        if (from.kind().isClosed()) {
          o = crm.opportunities().reopen(actor, ReopenOpportunity.of(id, o.version(),
              to.kind().isClosed() ? crm.pipeline().firstOpenStage().key() : to.key()));
        }
        if (to.kind() == StageKind.WON) {
          o = crm.opportunities().win(actor, new WinOpportunity(id, o.version(), r.closeDate()));
        } else if (to.kind() == StageKind.LOST) {
          LoseOpportunity lose = LoseOpportunity.of(id, o.version());
          o = crm.opportunities().lose(actor, r.closeDate() == null ? lose : lose.closedOn(r.closeDate()));
        } else if (!to.key().equals(o.stage())) {
          o = crm.opportunities().changeStage(actor, ChangeStage.of(id, o.version(), to.key()));
        }
      }
      if (r.probability() != null && crm.pipeline().stage(o.stage()).isOpen()) {
        o = crm.opportunities().update(actor, UpdateOpportunity.of(id, o.version()).probability(r.probability()));
      }
      return o.id().value().toString();
    }
  }

  /** Counts the bytes the parser has consumed, for progress. */
  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}
