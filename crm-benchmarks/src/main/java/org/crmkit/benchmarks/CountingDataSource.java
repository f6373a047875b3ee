package org.crmkit.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what goes to the database: statement executions (a JDBC batch is one), by the first
 * words of the statement, plus commits and rollbacks. Each execution is at least one round trip.
 */
final class CountingDataSource implements DataSource {
  private final DataSource target;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
  /**
   * The kind of each statement text seen, so that classifying costs a map look-up per prepared statement: a regular
   * expression split per statement was about a tenth of a single conversion's CPU time, on both sides.
   */
  private final Map<String, String> kinds = new ConcurrentHashMap<>();
  /** Nanoseconds spent in the driver on executions and commits since creation (never reset). */
  private final AtomicLong driverTotal = new AtomicLong();
  /** Nanoseconds spent in the driver on commits since creation (never reset). */
  private final AtomicLong commitTotal = new AtomicLong();

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  /** How often one kind of call was made and the nanoseconds spent in the driver on it. */
  record Count(long calls, long nanos) {
    Count plus(Count other) {
      return new Count(calls + other.calls, nanos + other.nanos);
    }
  }

  /** @return the counts since the last call, by kind, each with the milliseconds spent executing, and resets them */
  Map<String, String> takeCounts() {
    Map<String, String> out = new TreeMap<>();
    take().forEach((k, c) -> out.put(k, c.calls() + " in " + c.nanos() / 1_000_000 + " ms"));
    return out;
  }

  /** @return the counts since the last call, by kind, and resets them */
  Map<String, Count> take() {
    Map<String, Count> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      long n = v.getAndSet(0);
      AtomicLong t = nanos.get(k);
      long ns = t == null ? 0 : t.getAndSet(0);
      if (n > 0) {
        out.put(k, new Count(n, ns));
      }
    });
    return out;
  }

  /** @return the nanoseconds spent in the driver on executions and commits since this data source was made */
  long driverNanos() {
    return driverTotal.get();
  }

  /** @return the nanoseconds spent in the driver on commits since this data source was made */
  long commitNanos() {
    return commitTotal.get();
  }

  private void count(String kind) {
    counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  private static String kind(String sql) {
    String[] w = sql.strip().toLowerCase(java.util.Locale.ROOT).split("[\\s(]+");
    if (w[0].equals("select")) {
      int from = java.util.Arrays.asList(w).indexOf("from");
      return "select " + (from >= 0 && from + 1 < w.length ? w[from + 1] : "?");
    }
    if (w[0].equals("insert") && w.length > 2) {
      return "insert " + w[2];
    }
    if (w[0].equals("update") && w.length > 1) {
      return "update " + w[1];
    }
    return w[0];
  }

  private Connection wrap(Connection c) {
    InvocationHandler h = (proxy, method, args) -> {
      switch (method.getName()) {
        case "commit" -> count("commit");
        case "rollback" -> count("rollback");
        default -> { }
      }
      long start = System.nanoTime();
      Object result = invoke(c, method, args);
      if (method.getName().equals("commit")) {
        long t = System.nanoTime() - start;
        nanos.computeIfAbsent("commit", x -> new AtomicLong()).addAndGet(t);
        driverTotal.addAndGet(t);
        commitTotal.addAndGet(t);
      }
      if (result instanceof Statement s && args != null && args.length > 0 && args[0] instanceof String sql) {
        return wrap(s, kinds.computeIfAbsent(sql, CountingDataSource::kind));
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        h);
  }

  private Statement wrap(Statement s, String kind) {
    Class<?> type = s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        String k = method.getName().equals("executeBatch") ? kind + " (batch)" : kind;
        count(k);
        long start = System.nanoTime();
        try {
          return invoke(s, method, args);
        } finally {
          long t = System.nanoTime() - start;
          nanos.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(t);
          driverTotal.addAndGet(t);
        }
      }
      return invoke(s, method, args);
    };
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
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
