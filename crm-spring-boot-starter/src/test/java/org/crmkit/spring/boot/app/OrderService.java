package org.crmkit.spring.boot.app;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.crmkit.Crm;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A host service that writes its own entity and a crmkit opportunity in one transaction. */
@Service
public class OrderService {
  @PersistenceContext
  private EntityManager em;
  private final Crm crm;

  public OrderService(Crm crm) {
    this.crm = crm;
  }

  /** Writes both, then fails when asked: both must be rolled back. */
  @Transactional
  public Opportunity placeOrder(long id, String title, boolean failAtTheEnd) {
    Opportunity deal = crm.opportunities().create(Actor.user("alice"),
        CreateOpportunity.named(title).amount(Money.of("1000.00", "EUR")));
    em.persist(new HostOrder(id, title, deal.id().value()));
    em.flush();
    if (failAtTheEnd) {
      throw new IllegalStateException("the host refuses at the end, after both writes");
    }
    return deal;
  }
}
