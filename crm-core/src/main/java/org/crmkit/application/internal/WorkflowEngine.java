package org.crmkit.application.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.crmkit.shared.Actor;
import org.crmkit.shared.DomainEvent;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowDepthExceededException;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;

/**
 * Runs workflow rules synchronously on every record event, inside the unit of work that produced it: each rule
 * whose trigger and conditions match ({@link TriggerMatcher}) runs its actions in order ({@link WorkflowActions}).
 * Actions write through the record writers and emit their own events, which may fire further rules; the chain of
 * rules running on this thread is tracked so a chain deeper than the limit fails the whole unit of work.
 * The rules were checked when the Crm was built ({@link WorkflowCheck}). Thread-safe (the chain is per thread).
 */
final class WorkflowEngine implements Consumer<DomainEvent> {
  private final WorkflowRules rules;
  private final WorkflowActions actions;
  private final ThreadLocal<Deque<String>> chain = ThreadLocal.withInitial(ArrayDeque::new);

  WorkflowEngine(WorkflowRules rules, WorkflowActions actions) {
    this.rules = rules;
    this.actions = actions;
  }

  @Override
  public void accept(DomainEvent event) {
    RecordChange.of(event).ifPresent(this::fire);
  }

  private void fire(RecordChange change) {
    for (WorkflowRule rule : rules.rules()) {
      if (TriggerMatcher.fires(rule, change)) {
        run(rule, change);
      }
    }
  }

  private void run(WorkflowRule rule, RecordChange change) {
    Deque<String> running = chain.get();
    if (running.size() >= rules.maxDepth()) {
      List<String> ids = new ArrayList<>(running);
      ids.add(rule.id());
      throw new WorkflowDepthExceededException(ids, rules.maxDepth());
    }
    Actor actor = actions.actingActor(rule, change.actor());
    running.addLast(rule.id());
    try {
      for (WorkflowAction action : rule.actions()) {
        actions.run(rule, action, change, actor);
      }
    } finally {
      running.removeLast();
      if (running.isEmpty()) {
        chain.remove();
      }
    }
  }
}
