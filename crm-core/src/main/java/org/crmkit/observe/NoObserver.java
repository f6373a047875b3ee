package org.crmkit.observe;

/** The observer that ignores everything. */
enum NoObserver implements CrmObserver {
  INSTANCE
}
