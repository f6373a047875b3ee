package org.crmkit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmkit.csv.BadRowPolicy;
import org.crmkit.csv.CsvImporter;
import org.crmkit.csv.CsvMapping;
import org.crmkit.csv.ImportProgress;
import org.crmkit.csv.ImportReport;
import org.crmkit.csv.RowRejection;
import org.crmkit.shared.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crmkit import -m MAPPING FILE.csv}: imports one CSV file. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports a CSV file with a mapping (a JSON file, or a shipped one: maven-accounts, maven-pipeline, "
        + "x-education-leads). Prints the counts and every rejected row; exit status 1 if any row was rejected.")
final class ImportCommand implements Callable<Integer> {
  private static final int SHOWN = 20;

  @ParentCommand
  CrmCli cli;

  @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "MAPPING")
  String mapping;

  @Option(names = "--abort-on-bad-row", description = "write nothing if any row is bad (overrides the mapping)")
  boolean abort;

  @Option(names = "--rejections", paramLabel = "FILE", description = "write every rejected row to FILE (CSV)")
  Path rejections;

  @Parameters(paramLabel = "FILE.csv")
  String file;

  @Override
  public Integer call() {
    try (Session s = cli.open()) {
      ImportReport r = importFile(s, cli.actor(), mapping, file, rejections, cli.spec.commandLine().getErr(), abort);
      PrintWriter out = cli.spec.commandLine().getOut();
      out.println(r.summary());
      List<RowRejection> shown = r.rejections().subList(0, Math.min(SHOWN, r.rejections().size()));
      shown.forEach(x -> out.println("  rejected " + x));
      if (r.rejected() > shown.size()) {
        out.println("  ... and " + (r.rejected() - shown.size()) + " more"
            + (rejections == null ? " (--rejections FILE lists them all)" : " in " + rejections));
      }
      return r.rejected() > 0 || r.aborted() ? 1 : 0;
    }
  }

  static ImportReport importFile(Session s, Actor actor, String mappingName, String file, Path rejectionsFile,
      PrintWriter err, boolean abort) {
    CsvMapping m;
    try (InputStream in = Resources.open("mappings", mappingName, Resources.MAPPINGS)) {
      m = CsvMapping.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (abort) {
      m = m.withPolicy(BadRowPolicy.ABORT, m.batchSize());
    }
    Path path = Path.of(file);
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new CrmCli.CliException("no CSV file " + path.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    ProgressBar bar = new ProgressBar(err, path.getFileName().toString(), size);
    try (InputStream in = Files.newInputStream(path);
        RejectionFile rf = rejectionsFile == null ? null : new RejectionFile(rejectionsFile)) {
      CsvImporter importer = CsvImporter.over(s.crm, s.storage, s.externalIds).withProgress(bar);
      if (rf != null) {
        importer = importer.withRejectionListener(rf::write);
      }
      ImportReport r = importer.run(actor, m, in);
      bar.done();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** A one-line bar on stderr, redrawn when a whole percent more of the file is read. */
  static final class ProgressBar implements ImportProgress {
    private final PrintWriter err;
    private final String name;
    private final long size;
    private int shown = -1;

    ProgressBar(PrintWriter err, String name, long size) {
      this.err = err;
      this.name = name;
      this.size = Math.max(1, size);
    }

    @Override
    public void progress(long rowsRead, long bytesRead, ImportReport report) {
      int percent = (int) Math.min(100, bytesRead * 100 / size);
      if (percent == shown) {
        return;
      }
      shown = percent;
      int filled = percent / 5;
      err.print("\r" + name + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + percent + "% "
          + rowsRead + " rows, " + report.rejected() + " rejected");
      err.flush();
    }

    void done() {
      if (shown >= 0) {
        err.println();
      }
    }
  }

  /** Every rejection as a CSV row: line, column, reason. */
  static final class RejectionFile implements AutoCloseable {
    private final org.apache.commons.csv.CSVPrinter printer;

    RejectionFile(Path path) throws IOException {
      printer = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(path),
          org.apache.commons.csv.CSVFormat.RFC4180);
      printer.printRecord("line", "column", "reason");
    }

    void write(RowRejection r) {
      try {
        printer.printRecord(r.line(), org.crmkit.csv.CsvCells.neutralise(r.column()),
            org.crmkit.csv.CsvCells.neutralise(r.reason()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      printer.close();
    }
  }
}
