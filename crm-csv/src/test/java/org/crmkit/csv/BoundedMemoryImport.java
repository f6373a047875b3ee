package org.crmkit.csv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.crmkit.Crm;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;

/**
 * Run in a forked JVM with a small heap by {@link BoundedMemoryImportTest}: streams a generated CSV of {@code args[0]}
 * rows (never held whole: the stream makes each row when the parser asks) into the in-memory storage. The rows
 * cycle over 1,000 external ids, so the storage holds 1,000 leads and what grows with the file can only be the
 * importer's own memory. Every 500th row has a bad e-mail address (rejected and reported).
 */
public final class BoundedMemoryImport {
  private BoundedMemoryImport() {}

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    InMemoryStorage storage = InMemoryStorage.create();
    Crm crm = Crm.builder().storage(storage).build();
    CsvMapping m = CsvMapping.of(ImportTarget.LEADS).withExternalId("gen", "id").withColumn("lastName", "name")
        .withColumn("company", "company").withColumn("email", "email").withColumn("description", "notes")
        .withPolicy(BadRowPolicy.SKIP, 500);
    ImportReport r = CsvImporter.over(crm, storage, ExternalIdStore.inMemory()).run(Actor.user("gen"), m,
        new Generated(rows));
    System.out.println(r.summary() + "; kept " + r.rejections().size() + " rejections; max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
  }

  /** A CSV file made row by row as it is read. */
  static final class Generated extends InputStream {
    private final long rows;
    private long next = -1;
    private byte[] current = new byte[0];
    private int pos;

    Generated(long rows) {
      this.rows = rows;
    }

    @Override
    public int read() {
      if (pos == current.length) {
        if (next >= rows) {
          return -1;
        }
        current = (next < 0 ? "id,name,company,email,notes\n" : row(next)).getBytes(StandardCharsets.UTF_8);
        pos = 0;
        next++;
      }
      return current[pos++] & 0xff;
    }

    private static String row(long i) {
      return (i % 1000) + ",Name" + i + ",\"Company, number " + i + "\","
          + (i % 500 == 499 ? "not-an-email" : "lead" + i + "@example.com")
          + ",\"Notes for row " + i + " with a line\nbreak and padding " + "x".repeat(100) + "\"\n";
    }
  }
}
