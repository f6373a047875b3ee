package org.crmkit.sample;

import org.crmkit.Crm;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.lead.Lead;
import org.crmkit.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The application's own service: takes a web lead, qualifies it and converts it, in one transaction. */
@Service
public class LeadDesk {
  private final Crm crm;

  public LeadDesk(Crm crm) {
    this.crm = crm;
  }

  /** @return the conversion's outcome; everything commits together or not at all */
  @Transactional
  public ConversionOutcome takeAndConvert(String first, String last, String company, String email) {
    Actor desk = Actor.user("lead-desk");
    Lead lead = crm.leads().create(desk, CreateLead.of(first, last, company, email).leadSource("Web form"));
    lead = crm.leads().changeStatus(desk, ChangeLeadStatus.of(lead.id(), lead.version(), "qualified"));
    return crm.conversions().convert(desk, ConvertLead.of(lead.id()).policyId("web-leads"));
  }
}
