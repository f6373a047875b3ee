package org.crmkit.bi;

/**
 * A kind of pipeline movement between two days. The first six form the bridge: each opportunity lands in exactly
 * one of them (or none, when its open amount did not change), so the opening pipeline plus their amounts equals the
 * closing pipeline, per currency, to the cent (an open opportunity whose amount changed currency is the one exception:
 * its old amount counts as {@link #AMOUNT_DOWN} and its new one as {@link #AMOUNT_UP}). The last four are shifts: counted and valued (at the second day's
 * amount) beside the bridge, not added into it, because an opportunity may also have moved in amount.
 */
public enum MovementKind {
  /** Not open on the first day (absent, or closed and reopened), open on the second: plus its amount. */
  NEW(true),
  /** Open on the first day, won by the second: minus its first-day amount. */
  WON(true),
  /** Open on the first day, lost by the second: minus its first-day amount. */
  LOST(true),
  /** Open on the first day, gone by the second (deleted): minus its first-day amount. */
  REMOVED(true),
  /** Open on both days with a larger amount (or an amount where there was none): plus the difference. */
  AMOUNT_UP(true),
  /** Open on both days with a smaller amount (or none where there was one): minus the difference. */
  AMOUNT_DOWN(true),
  /** Open on both days, in a later stage of the pipeline on the second. */
  MOVED_FORWARD(false),
  /** Open on both days, in an earlier stage of the pipeline on the second. */
  MOVED_BACK(false),
  /** Open on both days with a later close date on the second. */
  PUSHED_OUT(false),
  /** Open on both days with an earlier close date on the second. */
  PULLED_IN(false);

  private final boolean bridge;

  MovementKind(boolean bridge) {
    this.bridge = bridge;
  }

  /** @return true when the movement's amounts add up in the waterfall's bridge */
  public boolean isBridge() {
    return bridge;
  }
}
