package org.crmkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.crmkit.Crm;
import org.crmkit.application.CreateAccount;
import org.crmkit.shared.Actor;
import org.junit.jupiter.api.Test;

/** crmkit's migrations from a host's own Liquibase changelog, beside the host's change sets. */
class H2LiquibaseTest {

  @Test
  void aHostsLiquibaseAppliesCrmkitsChangelogAndTheStorageValidatesAgainstIt() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:liquibase;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(3);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      try (Connection c = ds.getConnection()) {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Scope.child(Map.<String, Object>of(
            Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
            Scope.Attr.ui.name(), new LoggerUIService()), () ->
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "db/host/liquibase-master.xml")
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                .execute());
      }
      CrmkitSchema.backfill(ds);

      try (JpaStorage storage = JpaStorage.builder().dataSource(ds).migrate(false).validateSchema(true).build()) {
        Crm crm = Crm.builder().storage(storage).build();
        assertThat(crm.accounts().create(Actor.user("alice"), CreateAccount.named("Acme")).version()).isEqualTo(1);
      }
    }
  }

  @Test
  void theChangelogRunsEveryMigrationInVersionOrder() throws IOException, URISyntaxException {
    Path folder = Path.of(getClass().getResource("/" + CrmkitSchema.MIGRATIONS).toURI());
    List<String> scripts;
    try (Stream<Path> files = Files.list(folder)) {
      scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
    }
    String changelog;
    try (InputStream in = getClass().getResourceAsStream("/db/crmkit/liquibase/crmkit-changelog.xml")) {
      changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    int last = -1;
    for (String script : scripts) {
      int at = changelog.indexOf("../migration/" + script + "\"");
      assertThat(at).as("%s has a change set in crmkit-changelog.xml", script).isPositive();
      assertThat(at).as("%s comes after the one before it", script).isGreaterThan(last);
      last = at;
    }
  }

  private static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }
}
