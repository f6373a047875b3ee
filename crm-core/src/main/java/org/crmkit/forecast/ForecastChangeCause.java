package org.crmkit.forecast;

/** Why a billing forecast changed; recorded in its history. */
public enum ForecastChangeCause {
  /** All lines entered (or replaced) by hand. */
  ENTERED,
  /** Lines made by splitting an amount evenly. */
  SPLIT,
  /** Lines made by repeating a monthly amount. */
  REPEATED,
  /** One month's line added or changed. */
  LINE_EDITED,
  /** One month's line removed. */
  LINE_REMOVED,
  /** All lines removed. */
  CLEARED,
  /** The opportunity's amount changed and the lines were rescaled ({@link AmountChangePolicy#RESCALE}). */
  AMOUNT_RESCALED,
  /** The opportunity's amount changed and the forecast was flagged ({@link AmountChangePolicy#KEEP_AND_FLAG}). */
  AMOUNT_FLAGGED,
  /** The opportunity was deleted, and its forecast with it. */
  DELETED
}
