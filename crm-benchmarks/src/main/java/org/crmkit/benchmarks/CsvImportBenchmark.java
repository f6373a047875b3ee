package org.crmkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crmkit.Crm;
import org.crmkit.csv.CsvImporter;
import org.crmkit.csv.CsvMapping;
import org.crmkit.csv.ExternalIdStore;
import org.crmkit.csv.ImportReport;
import org.crmkit.csv.ImportTarget;
import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.Actor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A CSV file of lead rows (generated as it is read, never held whole) into crm_lead: through crm-csv's
 * {@link CsvImporter} (the {@code crm.leads().create} use case per row, 500 rows per unit of work, Hibernate batching
 * 50 inserts) vs. the same file parsed by the same Commons CSV parser into hand-written JDBC batch inserts of the
 * same columns (500 rows per batch and transaction). One shot each (a million rows is its own warm-up); the fork's
 * heap is capped at 256 MB. Tables are emptied before each shot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class CsvImportBenchmark {
  static final int BATCH = 500;
  static final String INSERT = "INSERT INTO crm_lead (id, version, tenant_id, owner_id, first_name, last_name,"
      + " company, email, email_normalized, lead_source, status, created_at, updated_at)"
      + " VALUES (?, 1, 'default', ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)";

  @Param({"postgresql"})
  public String database;

  @Param({"1000000"})
  public int rows;

  Database db;
  JpaStorage storage;
  Crm crm;

  @Setup(Level.Trial)
  public void setUp() {
    db = Database.start(database);
    storage = JpaStorage.builder().dataSource(db.dataSource).build();
    crm = Crm.builder().storage(storage).build();
    System.out.println("[crmkit] " + database + ": " + db + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
  }

  @Setup(Level.Iteration)
  public void empty() {
    db.clean();
  }

  @TearDown(Level.Iteration)
  public void count() {
    try (Connection c = db.dataSource.getConnection();
        var r = c.createStatement().executeQuery("SELECT count(*) FROM crm_lead")) {
      r.next();
      System.out.println("[crmkit] crm_lead rows: " + r.getLong(1));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    storage.close();
    db.close();
  }

  @Benchmark
  public long leads_crmkitCsvImport() {
    CsvMapping m = CsvMapping.of(ImportTarget.LEADS).withColumn("owner", "owner").withColumn("firstName", "first")
        .withColumn("lastName", "last").withColumn("company", "company").withColumn("email", "email")
        .withColumn("leadSource", "source").withPolicy(org.crmkit.csv.BadRowPolicy.SKIP, BATCH);
    ImportReport r = CsvImporter.over(crm, storage, ExternalIdStore.inMemory())
        .run(Actor.user("bench"), m, new LeadFile(rows));
    if (r.imported() != rows) {
      throw new IllegalStateException("expected " + rows + " imported: " + r.summary() + " " + r.rejections());
    }
    return r.imported();
  }

  @Benchmark
  public long leads_jdbcBatch() throws IOException, SQLException {
    long n = 0;
    try (Connection c = db.dataSource.getConnection();
        CSVParser parser = CSVParser.parse(new InputStreamReader(new LeadFile(rows), StandardCharsets.UTF_8),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(INSERT)) {
        for (CSVRecord r : parser) {
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
          p.setObject(1, UUID.randomUUID());
          p.setString(2, r.get("owner"));
          p.setString(3, r.get("first"));
          p.setString(4, r.get("last"));
          p.setString(5, r.get("company"));
          p.setString(6, r.get("email"));
          p.setString(7, r.get("email").toLowerCase(Locale.ROOT));
          p.setString(8, r.get("source"));
          p.setObject(9, now);
          p.setObject(10, now);
          p.addBatch();
          if (++n % BATCH == 0) {
            p.executeBatch();
            c.commit();
          }
        }
        p.executeBatch();
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
    return n;
  }

  /** {@code rows} lead rows made as they are read. */
  static final class LeadFile extends InputStream {
    private static final String[] SOURCES = {"Web", "Google", "Referral", "Event", "Partner"};
    private final long rows;
    private long next = -1;
    private byte[] current = new byte[0];
    private int pos;

    LeadFile(long rows) {
      this.rows = rows;
    }

    @Override
    public int read() {
      if (pos == current.length) {
        if (next >= rows) {
          return -1;
        }
        current = (next < 0 ? "owner,first,last,company,email,source\n"
            : "rep-" + (next % 10) + ",First" + next + ",Last" + next + ",\"Company " + (next % 5000) + ", Inc\","
                + "lead" + next + "@example.com," + SOURCES[(int) (next % SOURCES.length)] + "\n")
            .getBytes(StandardCharsets.UTF_8);
        pos = 0;
        next++;
      }
      return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          return n == 0 ? -1 : n;
        }
        b[off + n++] = (byte) c;
      }
      return n;
    }
  }
}
