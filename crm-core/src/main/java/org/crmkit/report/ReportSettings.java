package org.crmkit.report;

import java.time.Month;
import java.util.Objects;

/**
 * How a Crm's reports run: the first month of the fiscal year (quarter and year buckets, relative quarters and
 * years) and the exchange rates used when a report asks for a reporting currency.
 *
 * @param fiscalYearStart never null; {@link Month#JANUARY} by default
 * @param exchangeRates never null; {@link ExchangeRates#none()} by default
 */
public record ReportSettings(Month fiscalYearStart, ExchangeRates exchangeRates) {
  public ReportSettings {
    Objects.requireNonNull(fiscalYearStart, "fiscalYearStart");
    Objects.requireNonNull(exchangeRates, "exchangeRates");
  }

  /** Calendar fiscal year, no exchange rates. */
  public static ReportSettings defaults() {
    return new ReportSettings(Month.JANUARY, ExchangeRates.none());
  }

  /** @return these settings with another fiscal year start */
  public ReportSettings withFiscalYearStart(Month month) {
    return new ReportSettings(month, exchangeRates);
  }

  /** @return these settings with exchange rates */
  public ReportSettings withExchangeRates(ExchangeRates rates) {
    return new ReportSettings(fiscalYearStart, rates);
  }
}
