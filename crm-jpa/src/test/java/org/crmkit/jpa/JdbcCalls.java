package org.crmkit.jpa;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what reaches the driver: every {@code executeBatch} (one round trip for all the
 * rows added to it) with the statement and its number of rows, every single execution, every connection taken from
 * the pool and every call that changes a connection's transaction or session state ({@link #CONNECTION_STATE}:
 * commits, rollbacks, auto-commit switches, savepoints, validity checks, isolation, read-only, schema). Test-only;
 * wraps the test database's pool with plain {@link Proxy} objects, so it sees exactly what the persistence provider
 * sends, whichever provider it is.
 */
final class JdbcCalls implements DataSource {
  /** One {@code executeBatch}: the SQL prepared and how many rows were added to it. */
  record Batch(String sql, int rows) {
    boolean inserts(String table) {
      String s = sql.strip().toLowerCase(Locale.ROOT);
      return s.startsWith("insert into " + table + " ") || s.startsWith("insert into " + table + "(");
    }
  }

  /**
   * The {@link Connection} methods recorded by {@link #connectionCalls()}: those that end or change a transaction or
   * the session, each a round trip to the server on some drivers (PostgreSQL's sends a commit, a rollback, a
   * savepoint, a validity check, an isolation or a schema change at once, and its auto-commit switch with the next
   * statement).
   */
  static final Set<String> CONNECTION_STATE = Set.of("commit", "rollback", "setAutoCommit",
      "setSavepoint", "releaseSavepoint", "isValid", "setTransactionIsolation", "setReadOnly", "setSchema",
      "setCatalog", "setNetworkTimeout", "setHoldability");

  private final DataSource target;
  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final List<String> executions = new CopyOnWriteArrayList<>();
  private final List<String> connectionCalls = new CopyOnWriteArrayList<>();

  JdbcCalls(DataSource target) {
    this.target = target;
  }

  void reset() {
    batches.clear();
    executions.clear();
    connectionCalls.clear();
  }

  /**
   * @return since the last reset, in order: {@code getConnection} for every connection taken from the pool, and
   *     every call of a {@link #CONNECTION_STATE} method with its arguments, e.g. {@code setAutoCommit(false)}
   */
  List<String> connectionCalls() {
    return List.copyOf(connectionCalls);
  }

  /** @return every {@code executeBatch} since the last reset, in order */
  List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** @return the SQL of every single (unbatched) execution since the last reset, in order */
  List<String> executions() {
    return List.copyOf(executions);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connection(target.getConnection(username, password));
  }

  private Connection connection(Connection real) {
    connectionCalls.add("getConnection");
    InvocationHandler handler = (proxy, method, args) -> {
      if (CONNECTION_STATE.contains(method.getName())) {
        connectionCalls.add(method.getName() + "("
            + (args == null ? "" : Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(", "))) + ")");
      }
      Object result = call(real, method, args);
      if (result instanceof Statement s && method.getName().startsWith("prepare") && args != null
          && args.length > 0 && args[0] instanceof String sql) {
        return statement(s, sql, method.getReturnType());
      }
      if (result instanceof Statement s && method.getName().equals("createStatement")) {
        return statement(s, null, method.getReturnType());
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  private Object statement(Statement real, String preparedSql, Class<?> type) {
    int[] rows = {0};
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("addBatch")) {
        rows[0]++;
      } else if (name.equals("clearBatch")) {
        rows[0] = 0;
      } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
        batches.add(new Batch(preparedSql == null ? "(statement)" : preparedSql, rows[0]));
        rows[0] = 0;
      } else if (name.startsWith("execute")) {
        executions.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
      }
      return call(real, method, args);
    };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
