package org.crmkit.report;

import java.math.BigDecimal;

/**
 * Leads of one source and how many of them were converted.
 *
 * @param source the lead source; null for leads without one
 * @param leads leads created in the period
 * @param converted of those, the converted ones
 * @param rate converted / leads in percent, two decimals; null when there are no leads
 */
public record LeadSourceConversion(String source, long leads, long converted, BigDecimal rate) {}
