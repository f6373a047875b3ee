package org.crmkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.lead.Lead;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * crmkit's own logging (crm-core, through System.Logger, here on java.util.logging): failures and single
 * conversions at DEBUG, bulk conversion summaries at INFO, never data from records. Lives here because crm-core's tests have no storage to run use cases on.
 */
class CrmLoggingTest {
  private static final Actor ALICE = Actor.user("alice");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger crmkit = Logger.getLogger("org.crmkit");
  private Level before;

  @BeforeEach
  void capture() {
    before = crmkit.getLevel();
    crmkit.setLevel(Level.ALL);
    crmkit.setUseParentHandlers(false); // captured here, not printed into the build's output
    crmkit.addHandler(capture);
  }

  @AfterEach
  void release() {
    crmkit.removeHandler(capture);
    crmkit.setUseParentHandlers(true);
    crmkit.setLevel(before);
  }

  @Test
  void logsAFailedUseCaseOnceAtDebugWithItsNameAndExceptionType() {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();

    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("", "", "", "not-an-email")))
        .isInstanceOf(ValidationException.class);

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.FINE); // System.Logger's DEBUG
      assertThat(r.getMessage()).contains("leads.create", "REFUSED", "ValidationException");
    });
  }

  @Test
  void logsABulkConversionsSummaryAtInfoAndASingleConversionAtDebugWithoutDataFromTheRecords() {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
    Lead ada = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", "Analytical Engines", "ada@ae.example"));
    Lead alan = crm.leads().create(ALICE, CreateLead.of("Alan", "Turing", "Bletchley", "alan@b.example"));
    records.clear();

    crm.conversions().convert(ALICE, org.crmkit.application.ConvertLead.of(ada.id()));
    crm.conversions().convertAll(ALICE, List.of(alan.id(), ada.id()), null);

    List<String> info = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
        .map(LogRecord::getMessage).toList();
    List<String> debug = records.stream().filter(r -> r.getLevel() == Level.FINE).map(LogRecord::getMessage).toList();
    assertThat(info).singleElement().asString()
        .contains("bulk conversion of 2 leads", "1 converted", "1 rejected", "0 failed");
    assertThat(debug).singleElement().asString().contains("lead conversion CONVERTED");
    assertThat(String.join("\n", records.stream().map(LogRecord::getMessage).toList()))
        .doesNotContain("Ada", "Lovelace", "Alan", "Bletchley", "example", ada.id().toString(), alan.id().toString());
  }

  @Test
  void logsNothingForUseCasesThatSucceed() {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();

    crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", "Navy", "grace@navy.example"));

    assertThat(records).isEmpty();
  }
}
