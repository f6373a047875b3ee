package org.crmkit.jpa.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource whose connections use a given schema and hand the previous one back on close, so that a pooled
 * connection returns to the host's pool as it was taken. For crmkit's own JDBC steps (the backfill) when crmkit's
 * tables live in a schema of their own.
 */
public final class InSchema implements DataSource {
  private final DataSource target;
  private final String schema;

  private InSchema(DataSource target, String schema) {
    this.target = target;
    this.schema = schema;
  }

  public static DataSource of(DataSource target, String schema) {
    return new InSchema(target, schema);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return inSchema(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return inSchema(target.getConnection(username, password));
  }

  private Connection inSchema(Connection connection) throws SQLException {
    String previous;
    try {
      previous = connection.getSchema();
      connection.setSchema(schema);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            try {
              if (!connection.isClosed()) {
                connection.setSchema(previous);
              }
            } finally {
              connection.close();
            }
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
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
