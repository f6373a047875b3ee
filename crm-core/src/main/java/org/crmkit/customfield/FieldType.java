package org.crmkit.customfield;

/** The types a custom field can have. */
public enum FieldType {
  /** Free text up to the definition's maximum length. */
  TEXT,
  /** A decimal number. */
  NUMBER,
  /** An amount of money with its currency. */
  MONEY,
  /** A calendar date. */
  DATE,
  /** True or false. */
  BOOLEAN,
  /** One of the definition's allowed values. */
  PICKLIST
}
