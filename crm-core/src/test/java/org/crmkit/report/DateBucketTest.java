package org.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Month;
import org.junit.jupiter.api.Test;

class DateBucketTest {

  private static String label(DateBucket b, LocalDate day, Month fiscal) {
    return b.label(b.start(day, fiscal), fiscal);
  }

  @Test
  void labelsBucketsSoThatTheirTextSortsInTimeOrder() {
    LocalDate d = LocalDate.of(2027, 1, 1); // a Friday in ISO week 53 of 2026
    assertThat(label(DateBucket.DAY, d, Month.JANUARY)).isEqualTo("2027-01-01");
    assertThat(label(DateBucket.WEEK, d, Month.JANUARY)).isEqualTo("2026-W53");
    assertThat(label(DateBucket.MONTH, d, Month.JANUARY)).isEqualTo("2027-01");
    assertThat(label(DateBucket.QUARTER, d, Month.JANUARY)).isEqualTo("2027-Q1");
    assertThat(label(DateBucket.YEAR, d, Month.JANUARY)).isEqualTo("2027");
  }

  @Test
  void namesFiscalQuartersAndYearsByTheYearTheFiscalYearStartsIn() {
    assertThat(label(DateBucket.QUARTER, LocalDate.of(2027, 1, 15), Month.OCTOBER)).isEqualTo("FY2026-Q2");
    assertThat(label(DateBucket.QUARTER, LocalDate.of(2026, 9, 30), Month.OCTOBER)).isEqualTo("FY2025-Q4");
    assertThat(label(DateBucket.YEAR, LocalDate.of(2026, 10, 1), Month.OCTOBER)).isEqualTo("FY2026");
    assertThat(DateBucket.QUARTER.end(LocalDate.of(2026, 11, 1))).isEqualTo(LocalDate.of(2027, 1, 31));
  }
}
