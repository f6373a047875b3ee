package org.crmkit.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnitTransactionType;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.crmkit.account.AccountRepository;
import org.crmkit.bi.PipelineSnapshotRepository;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.contact.ContactRepository;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.jpa.internal.Entities;
import org.crmkit.jpa.internal.EntityManagers;
import org.crmkit.jpa.internal.HostManagedUnitOfWork;
import org.crmkit.jpa.internal.JpaAccountBudgetRepository;
import org.crmkit.jpa.internal.JpaAccountCardRepository;
import org.crmkit.jpa.internal.JpaReports;
import org.crmkit.report.ReportRepository;
import org.crmkit.jpa.internal.JpaAccountRepository;
import org.crmkit.jpa.internal.JpaBillingForecastRepository;
import org.crmkit.jpa.internal.JpaContactRepository;
import org.crmkit.jpa.internal.JpaConversionRecordRepository;
import org.crmkit.jpa.internal.JpaForecastHistoryRepository;
import org.crmkit.jpa.internal.JpaLeadRepository;
import org.crmkit.jpa.internal.JpaOpportunityRepository;
import org.crmkit.jpa.internal.JpaPipelineSnapshotRepository;
import org.crmkit.jpa.internal.JpaStageHistoryRepository;
import org.crmkit.jpa.internal.ResourceLocalUnitOfWork;
import org.crmkit.lead.LeadRepository;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.storage.CrmStorage;

/**
 * crmkit's storage in a relational database through Jakarta Persistence 3.2. Implements every port of
 * crm-core; the adapter's code uses only the jakarta.persistence API, and Hibernate is the default provider.
 * Thread-safe.
 *
 * <p>Three ways to wire it:
 *
 * <pre>{@code
 * // 1. A DataSource (or JDBC URL): migrates the schema, builds and owns an EntityManagerFactory.
 * JpaStorage storage = JpaStorage.builder().dataSource(dataSource).build();
 *
 * // 2. The host's EntityManagerFactory (its persistence unit lists JpaStorage.managedClassNames()):
 * //    crmkit runs its own resource-local transaction per unit of work.
 * JpaStorage storage = JpaStorage.create(entityManagerFactory);
 *
 * // 3. Inside the host's transactions (JTA, Spring): crmkit's writes commit or roll back with the host's.
 * JpaStorage storage = JpaStorage.joining(HostTransactions.of(() -> entityManager, registerAfterCommit));
 *
 * Crm crm = Crm.builder().storage(storage).build();
 * }</pre>
 *
 * <p>Tenants: every table has a {@code tenant_id} column (migration V8); a unit of work belongs to the tenant it
 * was started for ({@code unitOfWork().execute(tenant, work)}, which the core calls with the actor's tenant), every
 * row it inserts carries that tenant and every statement it sends is scoped to it, so one storage serves many
 * tenants. See docs/PERSISTENCE.md, "Tenants".
 *
 * <p>Versions follow the core exactly: the first save stores version 1, every later save checks the stored
 * version and increments it by one, and a stale write becomes {@link org.crmkit.shared.ConflictException}.
 * Database failures become {@link org.crmkit.shared.StorageException}; no JPA or JDBC exception leaves the
 * adapter.
 */
public final class JpaStorage implements CrmStorage, AutoCloseable {
  /**
   * The Hibernate setting that binds {@code LocalDate} through JDBC's {@code setObject}/{@code getObject} as a
   * {@code java.time} value. Without it Hibernate converts through {@code java.sql.Date}, whose hybrid
   * Julian/Gregorian calendar moves dates before 1582-10-15 (1582-10-10 comes back as 1582-10-20). crmkit sets it
   * in its own persistence units and in {@link #configure}; a host's factory must set it too ({@link #create}
   * checks).
   */
  public static final String DIRECT_DATE_BINDING = "hibernate.type.java_time_use_direct_jdbc";

  /**
   * The Hibernate setting that chooses how {@code Instant}s (every time stamp crmkit stores) are bound. The
   * persistence unit that {@link #builder()} creates sets it to {@code TIMESTAMP_WITH_TIMEZONE}, so that an
   * {@code Instant} is bound and read as a UTC {@code OffsetDateTime} through {@code setObject}/{@code getObject},
   * which is what crmkit's {@code TIMESTAMP(6) WITH TIME ZONE} columns hold; Hibernate's default on PostgreSQL goes
   * through {@code java.sql.Timestamp} and a new {@code Calendar} for each value (docs/PERFORMANCE.md, "Issue 16,
   * fifth pass"), whose hybrid Julian/Gregorian calendar stores an instant before 1582-10-15 ten days off on
   * PostgreSQL (1500-03-01 as 1500-02-20). {@link #configure} and {@link #create} leave it to the host: in a
   * persistence unit that also maps the host's own entities it would change how their {@code Instant}s are bound
   * too, which for a column without time zone changes what is stored. From 1582-10-15 on crmkit's values are the same
   * either way; a unit that holds only crmkit's entities should set it.
   */
  public static final String INSTANT_BINDING = "hibernate.type.preferred_instant_jdbc_type";

  /**
   * Rows per JDBC batch ({@code hibernate.jdbc.batch_size}) in crmkit's persistence-unit defaults: a unit of work that
   * writes 1,000 opportunities sends one batch of opportunities and one of history rows, as hand-written JDBC would;
   * each batch is one round trip. A unit of work of crmkit's own transactions that writes at most one row per table
   * (a single lead conversion, creating one opportunity) sends its rows as single statements instead, the same round
   * trips without the provider's batching work; its second row of any table turns batching on for the rest of it.
   */
  static final int BATCH_SIZE = 1000;

  private final UnitOfWork unitOfWork;
  private final EntityManagerFactory ownedFactory;
  private final AutoCloseable ownedPool;
  private final Runnable closer;
  private final LeadRepository leads;
  private final AccountRepository accounts;
  private final ContactRepository contacts;
  private final OpportunityRepository opportunities;
  private final StageHistoryRepository history;
  private final ConversionRecordRepository conversionRecords;
  private final BillingForecastRepository forecasts;
  private final ForecastHistoryRepository forecastHistory;
  private final AccountBudgetRepository budgets;
  private final AccountCardRepository cards;
  private final ReportRepository reports;
  private final PipelineSnapshotRepository snapshots;

  private <U extends UnitOfWork & EntityManagers> JpaStorage(U unitOfWork, EntityManagerFactory ownedFactory) {
    this(unitOfWork, ownedFactory, null);
  }

  private <U extends UnitOfWork & EntityManagers> JpaStorage(U unitOfWork, EntityManagerFactory ownedFactory,
      AutoCloseable ownedPool) {
    this.unitOfWork = unitOfWork;
    this.ownedFactory = ownedFactory;
    this.ownedPool = ownedPool;
    this.closer = unitOfWork::close;
    this.leads = new JpaLeadRepository(unitOfWork);
    this.accounts = new JpaAccountRepository(unitOfWork);
    this.contacts = new JpaContactRepository(unitOfWork);
    this.opportunities = new JpaOpportunityRepository(unitOfWork);
    this.history = new JpaStageHistoryRepository(unitOfWork);
    this.conversionRecords = new JpaConversionRecordRepository(unitOfWork);
    this.forecasts = new JpaBillingForecastRepository(unitOfWork);
    this.forecastHistory = new JpaForecastHistoryRepository(unitOfWork);
    this.budgets = new JpaAccountBudgetRepository(unitOfWork);
    this.cards = new JpaAccountCardRepository(unitOfWork);
    this.reports = new JpaReports(unitOfWork);
    this.snapshots = new JpaPipelineSnapshotRepository(unitOfWork);
  }

  /**
   * Storage over the host's entity manager factory, with resource-local transactions that crmkit begins and
   * commits per unit of work. The factory stays the host's: {@link #close()} does not close it.
   *
   * @param entityManagerFactory never null; its persistence unit must manage {@link #managedClassNames()} and
   *     use resource-local transactions
   * @return the storage
   * @throws ConfigurationException when the factory does not manage crmkit's entities, or (Hibernate) does not
   *     bind dates directly ({@link #DIRECT_DATE_BINDING})
   */
  public static JpaStorage create(EntityManagerFactory entityManagerFactory) {
    Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    requireJpa32();
    requireEntities(entityManagerFactory);
    requireDirectDateBinding(entityManagerFactory);
    return new JpaStorage(new ResourceLocalUnitOfWork(entityManagerFactory), null);
  }

  /**
   * Storage that joins the host's transactions: it never begins or commits, so crmkit's writes are part of the
   * host's transaction. Every call into crmkit must run inside such a transaction.
   *
   * @param host never null
   * @return the storage
   */
  public static JpaStorage joining(HostTransactions host) {
    Objects.requireNonNull(host, "host");
    requireJpa32();
    return new JpaStorage(new HostManagedUnitOfWork(host::entityManager, host::afterCommit, host::inTransaction),
        null);
  }

  /** @return a builder for storage over a DataSource or JDBC URL, with its own entity manager factory */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the fully qualified names of crmkit's entity and embeddable classes, for a host that builds its own
   *     persistence unit (persistence.xml {@code <class>} entries, Spring's {@code setPackagesToScan} of their
   *     package, or
   *     {@link #configure(PersistenceConfiguration)})
   */
  public static List<String> managedClassNames() {
    return Entities.classes().stream().map(Class::getName).toList();
  }

  /**
   * Adds crmkit's entity classes and recommended settings (JDBC batching) to a host's persistence
   * configuration. Existing properties of the same name win.
   *
   * @param configuration never null
   * @return {@code configuration}
   */
  public static PersistenceConfiguration configure(PersistenceConfiguration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    Entities.classes().forEach(configuration::managedClass);
    Builder.defaultProperties().forEach((k, v) -> {
      if (!configuration.properties().containsKey(k)) {
        configuration.property(k, v);
      }
    });
    return configuration;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  @Override
  public LeadRepository leads() {
    return leads;
  }

  @Override
  public AccountRepository accounts() {
    return accounts;
  }

  @Override
  public ContactRepository contacts() {
    return contacts;
  }

  @Override
  public OpportunityRepository opportunities() {
    return opportunities;
  }

  @Override
  public StageHistoryRepository stageHistory() {
    return history;
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return conversionRecords;
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    return forecasts;
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    return forecastHistory;
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    return budgets;
  }

  @Override
  public AccountCardRepository accountCards() {
    return cards;
  }

  @Override
  public ReportRepository reports() {
    return reports;
  }

  /**
   * Daily snapshots in {@code crm_bi_day} and {@code crm_bi_state} (migration V10), stored by change: a row per
   * opportunity and state, valid from the kept day it was stored until its state changes. See docs/PERSISTENCE.md,
   * "BI snapshots".
   */
  @Override
  public PipelineSnapshotRepository pipelineSnapshots() {
    return snapshots;
  }

  /**
   * Closes the storage: later calls fail with a {@link org.crmkit.shared.StorageException} that says so. Closes
   * the entity manager factory if this storage built it; a host's factory is left open. Idempotent.
   */
  @Override
  public void close() {
    closer.run();
    if (ownedFactory != null && ownedFactory.isOpen()) {
      ownedFactory.close();
    }
    closeQuietly(ownedPool);
  }

  private static void closeQuietly(AutoCloseable pool) {
    if (pool == null) {
      return;
    }
    try {
      pool.close();
    } catch (Exception e) {
      // closing a pool of connections that are all returned does not fail in a way the caller could act on
    }
  }

  /**
   * Refuses a class path with Jakarta Persistence 3.1 or older (Hibernate 6, Spring Boot 3): crm-jpa needs 3.2,
   * and would otherwise fail later with a {@link NoClassDefFoundError} that names no requirement.
   */
  private static void requireJpa32() {
    try {
      Class.forName("jakarta.persistence.PersistenceConfiguration", false, EntityManagerFactory.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(JPA_32_REQUIRED, e);
    }
  }

  /** Why crm-jpa refuses an older Jakarta Persistence, and what to do. */
  public static final String JPA_32_REQUIRED = "crm-jpa needs Jakarta Persistence 3.2 or later (Hibernate ORM"
      + " 7.x, Spring Boot 4.x), but the class path has an older Jakarta Persistence API (3.1 comes with Hibernate 6"
      + " and Spring Boot 3): jakarta.persistence.PersistenceConfiguration is missing. Upgrade to Hibernate 7 /"
      + " Spring Boot 4, or use the in-memory storage (crm-inmemory; crmkit.storage=in-memory in the Spring Boot"
      + " starter)";

  /**
   * Refuses a Hibernate factory that would bind dates through {@code java.sql.Date} and so shift those before the
   * Gregorian calendar (other providers are not checked).
   */
  private static void requireDirectDateBinding(EntityManagerFactory emf) {
    if (!emf.getClass().getName().startsWith("org.hibernate.")) {
      return;
    }
    Object value = emf.getProperties().get(DIRECT_DATE_BINDING);
    if (value == null || !Boolean.parseBoolean(value.toString())) {
      throw new ConfigurationException("the EntityManagerFactory binds dates through java.sql.Date, which shifts"
          + " dates before 1582-10-15 (1582-10-10 would be stored as 1582-10-20); set the property "
          + DIRECT_DATE_BINDING + "=true in its persistence unit, or build it with"
          + " JpaStorage.configure(PersistenceConfiguration), which sets it");
    }
  }

  private static void requireEntities(EntityManagerFactory emf) {
    for (Class<?> type : Entities.classes()) {
      try {
        emf.getMetamodel().managedType(type);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("the EntityManagerFactory does not manage crmkit's class " + type.getName()
            + "; add JpaStorage.managedClassNames() to its persistence unit, or call"
            + " JpaStorage.configure(PersistenceConfiguration) before building it", e);
      }
    }
  }

  /**
   * Builds a {@link JpaStorage} with its own entity manager factory, from a DataSource (recommended: the host's
   * connection pool) or a JDBC URL. By default it first applies {@link CrmkitSchema} migrations and then lets the
   * provider validate the mapping against the schema. Not thread-safe; build once.
   */
  public static final class Builder {
    private DataSource dataSource;
    private String jdbcUrl;
    private String user;
    private String password;
    private String provider;
    private boolean migrate = true;
    private CrmkitSchema.Migrations migrations = CrmkitSchema.migrations();
    private boolean validate = true;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param value the database; never null. Replaces a JDBC URL given before.
     * @return this builder
     */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      this.jdbcUrl = null;
      return this;
    }

    /**
     * The database by JDBC URL, through a HikariCP pool of at most 10 connections that the storage owns and
     * closes. To size or share the pool, give {@link #dataSource(DataSource)} instead.
     *
     * @param url never null, e.g. {@code jdbc:postgresql://localhost/crm}
     * @param user may be null
     * @param password may be null
     * @return this builder
     */
    public Builder jdbcUrl(String url, String user, String password) {
      this.jdbcUrl = Objects.requireNonNull(url, "url");
      this.user = user;
      this.password = password;
      this.dataSource = null;
      return this;
    }

    /**
     * @param className the persistence provider class; default: the first provider on the class path
     *     (Hibernate's {@code org.hibernate.jpa.HibernatePersistenceProvider} with crm-jpa's dependencies)
     * @return this builder
     */
    public Builder provider(String className) {
      this.provider = Objects.requireNonNull(className, "className");
      return this;
    }

    /**
     * @param value whether to apply {@link CrmkitSchema} migrations before starting (default true); turn it off
     *     when the host migrates with its own tool
     * @return this builder
     */
    public Builder migrate(boolean value) {
      this.migrate = value;
      return this;
    }

    /**
     * @param value how to migrate (history table, schema), when {@link #migrate(boolean)} is on; its
     *     {@linkplain CrmkitSchema.Migrations#schema(String) schema} is also where the storage finds crmkit's
     *     tables; never null
     * @return this builder
     */
    public Builder migrations(CrmkitSchema.Migrations value) {
      this.migrations = Objects.requireNonNull(value, "migrations");
      return this;
    }

    /**
     * @param value whether the provider validates the mapping against the schema at start (default true; sets
     *     Hibernate's {@code hibernate.hbm2ddl.auto=validate}). The adapter never creates or changes tables itself.
     * @return this builder
     */
    public Builder validateSchema(boolean value) {
      this.validate = value;
      return this;
    }

    /**
     * Sets a persistence unit property, e.g. {@code hibernate.jdbc.batch_size}; wins over crmkit's defaults.
     *
     * @param name never null
     * @param value never null
     * @return this builder
     */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @return the storage, owning its entity manager factory (close it with {@link JpaStorage#close()})
     * @throws ConfigurationException when no database was given or the persistence unit cannot start (for
     *     example because the schema does not match)
     * @throws org.crmkit.shared.StorageException when migrating the schema fails
     */
    public JpaStorage build() {
      if (dataSource == null && jdbcUrl == null) {
        throw new ConfigurationException("JpaStorage needs a database: call dataSource(...) or jdbcUrl(...)");
      }
      requireJpa32();
      HikariDataSource pool = null;
      DataSource database = dataSource;
      if (database == null) {
        pool = pool(jdbcUrl, user, password);
        database = pool;
      }
      try {
        return build(database, pool);
      } catch (RuntimeException | Error e) {
        closeQuietly(pool);
        throw e;
      }
    }

    /** A HikariCP pool for a JDBC URL: the provider's own connection handling is not made for production. */
    private static HikariDataSource pool(String url, String user, String password) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("crmkit");
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(10);
      config.setMinimumIdle(0);
      // Fail at the first use of the storage, as a StorageException, rather than here: the database may start later.
      config.setInitializationFailTimeout(-1);
      return new HikariDataSource(config);
    }

    private JpaStorage build(DataSource dataSource, AutoCloseable ownedPool) {
      if (migrate) {
        migrations.migrate(dataSource);
      }
      PersistenceConfiguration config = new PersistenceConfiguration("crmkit")
          .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
          .validationMode(ValidationMode.NONE)
          .sharedCacheMode(SharedCacheMode.NONE);
      if (provider != null) {
        config.provider(provider);
      }
      Entities.classes().forEach(config::managedClass);
      config.property("jakarta.persistence.nonJtaDataSource", dataSource);
      // quoted: Flyway creates the schema under exactly the name given, on every database
      migrations.schema().ifPresent(schema -> config.property("hibernate.default_schema", "\"" + schema + "\""));
      config.property("jakarta.persistence.schema-generation.database.action", "none");
      if (validate) {
        config.property("hibernate.hbm2ddl.auto", "validate");
      }
      config.properties(defaultProperties());
      // crmkit's own unit holds only crmkit's entities, whose time stamps are all TIMESTAMP WITH TIME ZONE columns
      config.property(INSTANT_BINDING, "TIMESTAMP_WITH_TIMEZONE");
      config.properties(properties);
      EntityManagerFactory emf;
      try {
        emf = config.createEntityManagerFactory();
      } catch (PersistenceException | IllegalStateException e) {
        throw new ConfigurationException("the crmkit persistence unit could not start: " + e.getMessage()
            + "; check the database, that a JPA provider (Hibernate) is on the class path and that the schema is"
            + " migrated (CrmkitSchema.migrate)", e);
      }
      // the factory's own data source: read-only units of work read the card over it without an entity manager
      return new JpaStorage(new ResourceLocalUnitOfWork(emf, dataSource), emf, ownedPool);
    }

    /**
     * Batched writes: consecutive inserts or updates of one table go to the database in batches of up to
     * {@link #BATCH_SIZE} rows, one round trip each (a unit of work with at most one row per table sends single
     * statements); updates are ordered by table ({@code hibernate.order_updates}).
     * Inserts are not reordered ({@code hibernate.order_inserts} stays off: the adapter's links are id columns the
     * provider does not know as associations, so it could insert a contact before its account); instead the adapter
     * persists rows of leaf tables such as stage history last, so that a unit of work writing many opportunities
     * sends one batch of opportunities and one of history rows. Dates
     * bound as {@code java.time} values directly ({@link #DIRECT_DATE_BINDING}), never through
     * {@code java.sql.Date}, whose Julian calendar before 1582-10-15 would shift them. {@code IN} lists (the
     * visible owners of a list query) padded to a power of two, so that teams of different sizes share a few
     * statements in the database's and the driver's statement caches instead of one per size.
     */
    static Map<String, Object> defaultProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("hibernate.jdbc.batch_size", BATCH_SIZE);
      p.put("hibernate.order_updates", true);
      p.put("hibernate.query.in_clause_parameter_padding", true);
      p.put(DIRECT_DATE_BINDING, true);
      return p;
    }
  }
}
