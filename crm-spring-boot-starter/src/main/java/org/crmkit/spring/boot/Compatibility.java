package org.crmkit.spring.boot;

import org.crmkit.jpa.JpaStorage;
import org.crmkit.shared.ConfigurationException;

/** What the application's class path must offer for crmkit's JPA storage, checked before anything of it loads. */
final class Compatibility {
  private Compatibility() {}

  /**
   * @param classLoader the application's
   * @throws ConfigurationException naming the requirement when Jakarta Persistence is older than 3.2
   */
  static void requireJpa32(ClassLoader classLoader) {
    try {
      Class.forName("jakarta.persistence.PersistenceConfiguration", false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(JpaStorage.JPA_32_REQUIRED, e);
    }
  }
}
