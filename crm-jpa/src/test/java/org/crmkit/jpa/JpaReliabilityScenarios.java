package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.crmkit.Crm;
import org.crmkit.application.CreateLead;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.customfield.CustomFields;
import org.crmkit.lead.Lead;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the JPA adapter reports failures, run on every database: foreign-key violations, a closed storage, a
 * commit whose outcome is unknown, and a clean start for the unit of work after a failed one.
 */
abstract class JpaReliabilityScenarios {
  static final Actor ALICE = Actor.user("alice");
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  TestDatabase db;

  abstract TestDatabase database();

  @BeforeEach
  void emptyDatabase() {
    db = database();
    db.clean();
  }

  private Crm crmOver(JpaStorage storage) {
    return Crm.builder().storage(storage).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
  }

  @Test
  void theSchemasColumnSizesAreTheCoresLimits() throws Exception {
    SchemaLimits.assertSchemaFollowsTheLimits(db.dataSource);
  }

  @Test
  void aForeignKeyViolationIsAStorageErrorNamingTheLinkNotARetryableConflict() {
    Contact orphan = Contact.create(ContactId.of(UUID.randomUUID()), UserId.of("alice"),
        AccountId.of(UUID.randomUUID()), ContactDetails.named("Ada", "Lovelace"), CustomFields.empty(), T0);

    assertThatThrownBy(() -> db.storage.unitOfWork().run(() -> db.storage.contacts().save(orphan)))
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(ConflictException.class)
        .hasMessageContaining("foreign key")
        .hasMessageContaining("retrying will not help");
    assertThat(db.count("crm_contact")).isZero();
  }

  @Test
  void aClosedStorageRefusesEveryCallWithAStorageErrorSayingItIsClosed() {
    JpaStorage own = JpaStorage.builder().dataSource(db.dataSource).migrate(false).build();
    Crm crm = crmOver(own);
    Lead lead = crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, null));
    own.close();
    own.close();

    assertThatThrownBy(() -> crm.leads().find(ALICE, lead.id()))
        .isInstanceOf(StorageException.class).hasMessageContaining("is closed");
    assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", null, null)))
        .isInstanceOf(StorageException.class).hasMessageContaining("is closed");
  }

  @Test
  void aStorageOverTheHostsFactoryRefusesCallsOnceClosedAndLeavesTheFactoryOpen() {
    JpaStorage hosted = JpaStorage.create(db.hostFactory());
    hosted.close();

    assertThatThrownBy(() -> crmOver(hosted).leads().find(ALICE, LeadId.of(UUID.randomUUID())))
        .isInstanceOf(StorageException.class).hasMessageContaining("is closed");
    assertThat(db.hostFactory().isOpen()).isTrue();
  }

  @Test
  void aCommitThatFailsAfterReachingTheDatabaseSaysTheOutcomeIsUnknownAndTheNextUnitStartsClean() {
    AtomicBoolean breakCommit = new AtomicBoolean();
    try (JpaStorage own = JpaStorage.builder().dataSource(commitFailing(db.dataSource, breakCommit))
        .migrate(false).build()) {
      Crm crm = crmOver(own);
      breakCommit.set(true);

      assertThatThrownBy(() -> crm.leads().create(ALICE, CreateLead.of("Ada", "Lovelace", null, null)))
          .isInstanceOf(OutcomeUnknownException.class)
          .hasMessageContaining("may or may not have written")
          .hasMessageNotContaining("nothing");
      assertThat(db.count("crm_lead")).as("the commit did reach the database: the message must not deny it")
          .isEqualTo(1);

      breakCommit.set(false);
      Lead next = crm.leads().create(ALICE, CreateLead.of("Grace", "Hopper", null, null));
      assertThat(crm.leads().find(ALICE, next.id())).as("the next unit has a fresh context").isPresent();
      assertThat(db.count("crm_lead")).isEqualTo(2);
    }
  }

  /**
   * A DataSource whose connections commit for real and then, while {@code broken} is set, throw as if the
   * connection had dropped before the acknowledgement arrived.
   */
  static DataSource commitFailing(DataSource target, AtomicBoolean broken) {
    return (DataSource) Proxy.newProxyInstance(JpaReliabilityScenarios.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (result instanceof Connection c) {
            return Proxy.newProxyInstance(JpaReliabilityScenarios.class.getClassLoader(),
                new Class<?>[] {Connection.class}, connection(c, broken));
          }
          return result;
        });
  }

  private static InvocationHandler connection(Connection c, AtomicBoolean broken) {
    return (proxy, method, args) -> {
      Object result = invoke(c, method, args);
      if (method.getName().equals("commit") && broken.get()) {
        throw new SQLException("An I/O error occurred while sending to the backend (test)", "08006");
      }
      return result;
    };
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
