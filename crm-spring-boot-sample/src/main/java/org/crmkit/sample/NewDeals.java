package org.crmkit.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crmkit.opportunity.OpportunityChanged;
import org.crmkit.shared.ChangeKind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Reacts to crmkit's events, which the starter publishes as application events after each commit. */
@Component
public class NewDeals {
  private final List<String> names = new CopyOnWriteArrayList<>();

  @EventListener
  public void on(OpportunityChanged event) {
    if (event.kind() == ChangeKind.CREATED) {
      names.add(event.after().name());
    }
  }

  /** @return the names of the opportunities created since the start */
  public List<String> names() {
    return List.copyOf(names);
  }
}
