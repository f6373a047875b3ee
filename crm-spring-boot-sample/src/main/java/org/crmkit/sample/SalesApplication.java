package org.crmkit.sample;

import org.crmkit.conversion.ConversionPolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A sales team's application with crmkit inside: the starter gives it a {@code Crm} bean over the application's
 * database; the application adds a conversion policy and reacts to crmkit's events. It schedules tasks, so the
 * starter takes the daily BI snapshot at the time {@code crmkit.bi.snapshot.cron} says.
 */
@SpringBootApplication
@EnableScheduling
public class SalesApplication {

  public static void main(String[] args) {
    SpringApplication.run(SalesApplication.class, args);
  }

  /** How web leads become customers: picked up by the starter like any ConversionPolicy bean. */
  @Bean
  ConversionPolicy webLeads() {
    return ConversionPolicy.builder("web-leads").opportunityNameTemplate("{company} - first order").build();
  }
}
