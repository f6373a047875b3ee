package org.crmkit.spring.boot.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.DomainEvent;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** A host application as a team would write it: its own entity and Flyway migrations, crmkit by the starter. */
@SpringBootApplication
public class HostApplication {

  /** Every crmkit event the application received, in order. */
  public final List<DomainEvent> events = new CopyOnWriteArrayList<>();

  @EventListener
  public void on(DomainEvent event) {
    events.add(event);
  }

  @Bean
  Pipeline pipeline() {
    return Pipeline.wholePipelineDefaults();
  }

  @Bean
  ConversionPolicy webLeads() {
    return ConversionPolicy.builder("web-leads").opportunityNameTemplate("{company} - first order").build();
  }
}
