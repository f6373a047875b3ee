package org.crmkit.report;

import java.math.BigDecimal;

/**
 * Won against lost for one owner, segment value or source: {@code rate = won / (won + lost)} in percent, two
 * decimals, rounded half up.
 *
 * @param key the owner, segment value or lead source; null for records without one
 * @param won opportunities won
 * @param lost opportunities lost
 * @param rate the win rate in percent; null when nothing was closed
 */
public record WinRate(String key, long won, long lost, BigDecimal rate) {}
