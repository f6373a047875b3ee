package org.crmkit.shared;

/** What happened to a record. */
public enum ChangeKind {
  CREATED,
  UPDATED,
  DELETED
}
