package org.crmkit.jpa;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records every SQL statement Hibernate prepares (a JDBC batch is prepared once for many rows). Test-only: the
 * adapter itself knows nothing of Hibernate.
 */
final class StatementCounter implements StatementInspector {
  private static final long serialVersionUID = 1L;
  private final List<String> statements = new CopyOnWriteArrayList<>();

  @Override
  public String inspect(String sql) {
    statements.add(sql);
    return sql;
  }

  void reset() {
    statements.clear();
  }

  List<String> statements() {
    return List.copyOf(statements);
  }

  long count(String prefix) {
    return statements.stream().filter(s -> s.strip().toLowerCase(Locale.ROOT).startsWith(prefix)).count();
  }
}
