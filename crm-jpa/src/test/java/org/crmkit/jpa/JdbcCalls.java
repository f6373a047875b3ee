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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what reaches the driver: every {@code executeBatch} (one round trip for all the
 * rows added to it) with the statement and its number of rows, and every single execution. Test-only; wraps the
 * test database's pool with plain {@link Proxy} objects, so it sees exactly what the persistence provider sends,
 * whichever provider it is.
 */
final class JdbcCalls implements DataSource {
  /** One {@code executeBatch}: the SQL prepared and how many rows were added to it. */
  record Batch(String sql, int rows) {
    boolean inserts(String table) {
      String s = sql.strip().toLowerCase(Locale.ROOT);
      return s.startsWith("insert into " + table + " ") || s.startsWith("insert into " + table + "(");
    }
  }

  private final DataSource target;
  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final List<String> executions = new CopyOnWriteArrayList<>();
  private final List<String> transactionCalls = new CopyOnWriteArrayList<>();

  JdbcCalls(DataSource target) {
    this.target = target;
  }

  void reset() {
    batches.clear();
    executions.clear();
    transactionCalls.clear();
  }

  /**
   * @return the transaction demarcation on the connections since the last reset, in order: {@code begin} for
   *     {@code setAutoCommit(false)}, {@code commit}, {@code rollback}
   */
  List<String> transactionCalls() {
    return List.copyOf(transactionCalls);
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
    InvocationHandler handler = (proxy, method, args) -> {
      switch (method.getName()) {
        case "setAutoCommit" -> {
          if (Boolean.FALSE.equals(args[0])) {
            transactionCalls.add("begin");
          }
        }
        case "commit", "rollback" -> transactionCalls.add(method.getName());
        default -> { }
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
